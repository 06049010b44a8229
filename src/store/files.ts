/**
 * Kept files: the bytes in the `FILES` R2 bucket, a row each in D1 (owner,
 * chat, title, name, type, size, R2 key, the ids platforms gave it). Each
 * user of a bot on a platform keeps at most `FILES_PER_USER` files and
 * `FILE_BYTES_PER_USER` bytes; the insert checks both in the same statement,
 * so that two files kept at once cannot pass the quota together.
 */
import * as z from "zod";
import type { FileOwner, FileStore, Keeping, KeptFile, NewFile, StoredFile, StoredFiles } from "../core/files.ts";
import type { Update } from "../core/update.ts";
import { readPositive } from "../lib/settings.ts";

/** Files one user keeps with a bot on a platform, unless `FILES_PER_USER` says otherwise. */
const DEFAULT_FILES_PER_USER = 50;
/** Their bytes together, unless `FILE_BYTES_PER_USER` says otherwise: 50 MB. */
const DEFAULT_FILE_BYTES_PER_USER = 50_000_000;

const FileRow = z.object({
  id: z.number(),
  title: z.string(),
  name: z.string(),
  mime: z.string(),
  kind: z.enum(["photo", "document", "audio", "voice", "video"]),
  size: z.number(),
  r2_key: z.string(),
  platform_ids: z.string(),
  created_at: z.number(),
});
type FileRow = z.infer<typeof FileRow>;

const Usage = z.object({ count: z.number(), bytes: z.number() });

const COLUMNS = "id, title, name, mime, kind, size, r2_key, platform_ids, created_at";
const OWNED = "bot = ? AND platform = ? AND user_id = ?";

function keptFile(row: FileRow): KeptFile {
  return {
    id: String(row.id),
    title: row.title,
    name: row.name,
    mime: row.mime,
    kind: row.kind,
    size: row.size,
    createdAt: new Date(row.created_at),
  };
}

function platformIds(text: string): Record<string, string> {
  const parsed = z.record(z.string(), z.string()).safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : {};
}

/** Where a keeping's bytes go: one object per keeping, under its owner. */
function objectKey(owner: FileOwner, key: string): string {
  return ["files", owner.bot, owner.platform, owner.userId, key].map(encodeURIComponent).join("/");
}

interface Quota {
  readonly files: number;
  readonly bytes: number;
}

/** The quota the deployment's settings give each user. */
function quotaOf(settings: Readonly<Record<string, unknown>>): Quota {
  return {
    files: readPositive(settings, "FILES_PER_USER", DEFAULT_FILES_PER_USER),
    bytes: readPositive(settings, "FILE_BYTES_PER_USER", DEFAULT_FILE_BYTES_PER_USER),
  };
}

/** One bot's kept files. */
export class FileStorage implements FileStore, StoredFiles {
  private readonly db: D1Database;
  private readonly bucket: R2Bucket;
  private readonly bot: string;
  private readonly quota: Quota;

  constructor(db: D1Database, bucket: R2Bucket, bot: string, quota: Quota) {
    this.db = db;
    this.bucket = bucket;
    this.bot = bot;
    this.quota = quota;
  }

  private owned(owner: FileOwner): [string, string, string] {
    return [owner.bot, owner.platform, owner.userId];
  }

  private async byKey(r2Key: string): Promise<FileRow | undefined> {
    const row = await this.db.prepare(`SELECT ${COLUMNS} FROM files WHERE r2_key = ?`).bind(r2Key).first();
    const parsed = FileRow.safeParse(row);
    return parsed.success ? parsed.data : undefined;
  }

  /** Which limit `size` more bytes would break, if any. */
  private async over(owner: FileOwner, size: number): Promise<Keeping | undefined> {
    const usage = Usage.parse(
      await this.db
        .prepare(`SELECT COUNT(*) AS count, COALESCE(SUM(size), 0) AS bytes FROM files WHERE ${OWNED}`)
        .bind(...this.owned(owner))
        .first(),
    );
    if (usage.count >= this.quota.files) return { full: "count", max: this.quota.files };
    if (usage.bytes + size > this.quota.bytes) return { full: "bytes", max: this.quota.bytes };
    return undefined;
  }

  async keep(owner: FileOwner, file: NewFile): Promise<Keeping> {
    if (owner.bot !== this.bot) throw new Error(`Files of bot ${owner.bot} kept through bot ${this.bot}`);
    const r2Key = objectKey(owner, file.key);
    const earlier = await this.byKey(r2Key);
    if (earlier) return { kept: keptFile(earlier) };
    // Before the download, by the size the platform reported; after it, by the bytes that came.
    const early = await this.over(owner, file.size ?? 0);
    if (early) return early;
    const data = await file.bytes();
    const late = await this.over(owner, data.byteLength);
    if (late) return late;
    await this.bucket.put(r2Key, data, { httpMetadata: { contentType: file.mime } });
    const ids = file.platformFileId === undefined ? {} : { [owner.platform]: file.platformFileId };
    const inserted = await this.db
      .prepare(
        `INSERT INTO files (bot, platform, user_id, chat_id, title, name, mime, kind, size, r2_key, platform_ids, created_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12
         WHERE (SELECT COUNT(*) FROM files WHERE bot = ?1 AND platform = ?2 AND user_id = ?3) < ?13
           AND (SELECT COALESCE(SUM(size), 0) FROM files WHERE bot = ?1 AND platform = ?2 AND user_id = ?3) + ?9 <= ?14
         ON CONFLICT (r2_key) DO NOTHING
         RETURNING ${COLUMNS}`,
      )
      .bind(
        ...this.owned(owner),
        owner.chatId,
        file.title,
        file.name,
        file.mime,
        file.kind,
        data.byteLength,
        r2Key,
        JSON.stringify(ids),
        Date.now(),
        this.quota.files,
        this.quota.bytes,
      )
      .first();
    const row = FileRow.safeParse(inserted);
    if (row.success) return { kept: keptFile(row.data) };
    // Kept meanwhile by the same keeping, or refused: another file took the last place.
    const same = await this.byKey(r2Key);
    if (same) return { kept: keptFile(same) };
    await this.bucket.delete(r2Key);
    return (await this.over(owner, data.byteLength)) ?? { full: "count", max: this.quota.files };
  }

  async list(owner: FileOwner): Promise<KeptFile[]> {
    const { results } = await this.db
      .prepare(`SELECT ${COLUMNS} FROM files WHERE ${OWNED} ORDER BY id`)
      .bind(...this.owned(owner))
      .all();
    return results.flatMap((result) => {
      const row = FileRow.safeParse(result);
      return row.success ? [keptFile(row.data)] : [];
    });
  }

  async open(id: string): Promise<StoredFile | undefined> {
    const row = FileRow.safeParse(
      await this.db.prepare(`SELECT ${COLUMNS} FROM files WHERE id = ? AND bot = ?`).bind(Number(id), this.bot).first(),
    );
    if (!row.success) return undefined;
    const { name, mime, kind, size, r2_key: r2Key } = row.data;
    return {
      name,
      mime,
      kind,
      size,
      platformIds: platformIds(row.data.platform_ids),
      bytes: async () => {
        const object = await this.bucket.get(r2Key);
        if (!object) throw new Error(`Kept file ${id} has no object in the bucket`);
        return new Uint8Array(await object.arrayBuffer());
      },
    };
  }

  async remember(id: string, platform: string, platformId: string): Promise<void> {
    await this.db
      .prepare("UPDATE files SET platform_ids = json_set(platform_ids, '$.' || ?, ?) WHERE id = ? AND bot = ?")
      .bind(platform, platformId, Number(id), this.bot)
      .run();
  }
}

/** Whose files `forgetFiles` erases: one user of a bot on a platform. */
export interface FileUser {
  readonly bot: string;
  readonly platform: string;
  readonly userId: string;
}

/** The user of an update, as kept files name them. */
export function fileUserOf(update: Pick<Update, "bot" | "platform" | "user">): FileUser {
  return { bot: update.bot, platform: update.platform, userId: update.user.id };
}

/** Erases every file kept for `user`, the objects and their rows (`/forget`); returns how many there were. */
export async function forgetFiles(db: D1Database, bucket: R2Bucket, user: FileUser): Promise<number> {
  const owned = [user.bot, user.platform, user.userId];
  const { results } = await db
    .prepare(`SELECT r2_key FROM files WHERE ${OWNED}`)
    .bind(...owned)
    .all<{ r2_key: string }>();
  const keys = results.map((row) => row.r2_key);
  // R2 deletes up to 1000 keys a call.
  for (let start = 0; start < keys.length; start += 1000) await bucket.delete(keys.slice(start, start + 1000));
  await db
    .prepare(`DELETE FROM files WHERE ${OWNED}`)
    .bind(...owned)
    .run();
  return keys.length;
}

/** The deployment's bindings and settings that kept files need. */
export interface FileSettings {
  readonly DB: D1Database;
  readonly FILES?: R2Bucket;
  readonly [name: string]: unknown;
}

/** A bot's kept files, in the deployment's `FILES` bucket; undefined without one. */
export function fileStorage(settings: FileSettings, bot: string): FileStorage | undefined {
  return settings.FILES && new FileStorage(settings.DB, settings.FILES, bot, quotaOf(settings));
}
