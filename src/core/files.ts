/**
 * Files in the neutral model: what a user sent (`ReceivedFile`, downloaded
 * on demand), what a bot sends (`FileOut`), and what a bot keeps for a user
 * (`KeptFile`, on `ctx.files`). Platforms, storage and their limits live
 * elsewhere; this module only names things and says what is allowed.
 */
import { UserError } from "./errors.ts";
import type { Translate } from "./i18n.ts";
import type { RichText } from "./reply.ts";
import type { Attachment, FileKind } from "./update.ts";

/** A file the user sent, ready to download. */
export interface ReceivedFile extends Attachment {
  /**
   * The file's bytes, fetched from the platform when called. Throws
   * `FileError` for a file over the size cap, or a download that fails or
   * does not finish in time.
   */
  download(): Promise<Uint8Array>;
}

/** A file a bot sends: bytes it made, a URL the platform may fetch, or a file kept with `ctx.files`. */
export type FileOut =
  | { readonly name: string; readonly mime: string; readonly data: Uint8Array }
  | { readonly name: string; readonly mime: string; readonly url: string }
  /** A kept file's `id`: its name and type are the kept ones. */
  | { readonly stored: string };

/** `ctx.reply({ file, caption })`: a file with an optional caption, in place of text. */
export interface FileReply {
  readonly file: FileOut;
  readonly caption?: RichText;
}

/** Why a received file could not be had. */
export type FileProblem = "too_big" | "failed" | "timeout";

/**
 * A received file that could not be downloaded: over the size cap, a
 * download that broke off, or one that did not finish in time. Unhandled,
 * the user is told which, and nothing the handler changed is saved.
 */
export class FileError extends Error {
  override readonly name = "FileError";
  readonly problem: FileProblem;
  /** The size cap in bytes, for `too_big`. */
  readonly maxBytes: number | undefined;

  constructor(problem: FileProblem, maxBytes?: number) {
    super(`file download: ${problem}`);
    this.problem = problem;
    this.maxBytes = maxBytes;
  }
}

/** A file kept for a user (R2, with its row in D1). */
export interface KeptFile {
  /** What `{ file: { stored: id } }` sends back. */
  readonly id: string;
  readonly title: string;
  readonly name: string;
  readonly mime: string;
  readonly kind: FileKind;
  readonly size: number;
  readonly createdAt: Date;
}

/** `ctx.files`: the files the bot keeps for this user, on this platform, across chats. */
export interface FileShelf {
  /**
   * Downloads `file` and keeps it under `title`. Past the user's quota (a
   * number of files, a number of bytes) it throws a `UserError` saying so.
   */
  keep(file: ReceivedFile, options: { readonly title: string }): Promise<KeptFile>;
  /** The user's kept files, oldest first. */
  list(): Promise<readonly KeptFile[]>;
}

/** The kind of file a MIME type names: images are photos, audio, video, and documents for the rest. */
export function kindOf(mime: string): FileKind {
  if (/^image\/(jpeg|png|webp)$/i.test(mime)) return "photo";
  if (/^audio\//i.test(mime)) return "audio";
  if (/^video\//i.test(mime)) return "video";
  return "document";
}

/** Whether `mime` is one of `accepted`: exact types (`application/pdf`) or families (`image/*`). */
export function acceptsMime(accepted: readonly string[], mime: string): boolean {
  const [family] = mime.toLowerCase().split("/");
  return accepted.some((pattern) => {
    const lower = pattern.toLowerCase();
    return lower === mime.toLowerCase() || lower === `${family}/*` || lower === "*/*";
  });
}

/** Whom a kept file belongs to (a user of a bot on a platform), and the chat it was kept in. */
export interface FileOwner {
  readonly bot: string;
  readonly platform: string;
  readonly userId: string;
  readonly chatId: string;
}

/** A file to keep: what is known of it, and its bytes once the quota allows. */
export interface NewFile {
  /** Names this keeping: the same key keeps the file once, however often the handler runs. */
  readonly key: string;
  readonly title: string;
  readonly name: string;
  readonly mime: string;
  readonly kind: FileKind;
  /** The size the platform reported, checked against the quota before downloading. */
  readonly size?: number;
  readonly platformFileId?: string;
  bytes(): Promise<Uint8Array>;
}

/** Kept, or refused at the user's quota: their most files (`count`) or bytes (`bytes`). */
export type Keeping = { readonly kept: KeptFile } | { readonly full: "count" | "bytes"; readonly max: number };

/** Where kept files live (src/store/files.ts: R2 for the bytes, D1 for the rest). */
export interface FileStore {
  keep(owner: FileOwner, file: NewFile): Promise<Keeping>;
  list(owner: FileOwner): Promise<KeptFile[]>;
}

/** "1.5 MB", "800 KB": a size as a person reads it, in `locale`. */
export function formatBytes(bytes: number, locale: string): string {
  const [value, unit] =
    bytes >= 1_000_000 ? [bytes / 1_000_000, "MB"] : bytes >= 1_000 ? [bytes / 1_000, "KB"] : [bytes, "bytes"];
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)} ${unit}`;
}

/** The answer at a full quota, in the user's language. */
function quotaError(limit: "count" | "bytes", max: number, t: Translate, locale: string): UserError {
  return new UserError(
    limit === "count" ? t("parley-files-full", { max }) : t("parley-files-too-much", { max: formatBytes(max, locale) }),
  );
}

/**
 * `ctx.files` for one run of a handler: `keep` calls are numbered, so that
 * a run made again (after a save conflict) keeps the same files, not copies.
 * A full quota becomes a `UserError` in the user's language.
 */
export function fileShelf(
  store: FileStore | undefined,
  owner: FileOwner,
  runId: string,
  t: Translate,
  locale: string,
): FileShelf {
  const storage = () => {
    if (!store) throw new Error("No file storage: this deployment has no FILES bucket");
    return store;
  };
  let keeps = 0;
  return {
    async keep(file, options) {
      const keeping = await storage().keep(owner, {
        key: `${runId}:${keeps++}`,
        title: options.title,
        name: file.name,
        mime: file.mime,
        kind: file.kind,
        ...(file.size === undefined ? {} : { size: file.size }),
        ...(file.platformFileId === undefined ? {} : { platformFileId: file.platformFileId }),
        bytes: () => file.download(),
      });
      if ("full" in keeping) throw quotaError(keeping.full, keeping.max, t, locale);
      return keeping.kept;
    },
    list: async () => storage().list(owner),
  };
}

/** A kept file as a platform sends it back: its bytes on demand, and the ids platforms gave it. */
export interface StoredFile {
  readonly name: string;
  readonly mime: string;
  readonly kind: FileKind;
  readonly size: number;
  /** The platforms' own ids of the file (`telegram`: its file_id), by platform name. */
  readonly platformIds: Readonly<Record<string, string>>;
  bytes(): Promise<Uint8Array>;
}

/** Kept files as the platforms read them when a reply sends one (`{ stored: id }`). */
export interface StoredFiles {
  open(id: string): Promise<StoredFile | undefined>;
  /** Keeps the id a platform gave the file when it was sent, so that the next send reuses it. */
  remember(id: string, platform: string, platformId: string): Promise<void>;
}

/** The size cap of one file, received or sent, unless `FILE_MAX_BYTES` says otherwise: 10 MB. */
export const DEFAULT_FILE_MAX_BYTES = 10_000_000;
