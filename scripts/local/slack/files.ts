/**
 * Files on Slack: the bot's uploads in Slack's three steps (an upload URL
 * from `files.getUploadURLExternal`, the bytes posted there, then
 * `files.completeUploadExternal`), and every shared file served at its
 * `url_private`, to the bot token alone, as files.slack.com serves it.
 */
import type { StoredFile } from "../files.ts";
import type { ApiAnswer, ApiCall } from "../platform.ts";
import type { Session } from "../session.ts";
import { FIRST_WORKSPACE } from "./workspaces.ts";

const UPLOAD = /^\/upload\/(F\w+)$/;
const PRIVATE = /^\/files-pri\/[^/]+-(F\w+)\/([^/]+)$/;

/** A file as a message event or an API answer describes it. */
export interface SlackFile {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly mimetype: string;
  readonly filetype: string;
  readonly size: number;
  readonly user: string;
  readonly url_private: string;
  readonly url_private_download: string;
}

interface Pending {
  readonly filename: string;
  readonly length: number;
  stored?: StoredFile;
}

export class SlackFiles {
  private readonly session: Session;
  /** The stand-ins' Slack prefix, where upload and private URLs point. */
  private readonly base: string;
  private readonly token: string;
  private readonly pending = new Map<string, Pending>();
  private readonly shared = new Map<string, { readonly stored: StoredFile; readonly file: SlackFile }>();
  private next = 1;

  constructor(session: Session, base: string, token: string) {
    this.session = session;
    this.base = base;
    this.token = token;
  }

  private fileId(): string {
    return `F0LOCAL${String(this.next++).padStart(4, "0")}`;
  }

  /** Shares a stored file (under a new id, unless the upload URL gave it one); `user` shared it. */
  share(stored: StoredFile, user: string, title = stored.name, id = this.fileId()): SlackFile {
    const url = `${this.base}/files-pri/${FIRST_WORKSPACE.id}-${id}/${encodeURIComponent(stored.name)}`;
    const file: SlackFile = {
      id,
      name: stored.name,
      title,
      mimetype: stored.mime,
      filetype: /\.([a-z0-9]+)$/i.exec(stored.name)?.[1]?.toLowerCase() ?? "binary",
      size: stored.bytes.byteLength,
      user,
      url_private: url,
      url_private_download: `${url}?download=1`,
    };
    this.shared.set(id, { stored, file });
    return file;
  }

  /** files.getUploadURLExternal: a URL to post `length` bytes of `filename` to. */
  ticket(filename: string, length: number): { upload_url: string; file_id: string } {
    const id = this.fileId();
    this.pending.set(id, { filename, length });
    return { upload_url: `${this.base}/upload/${id}`, file_id: id };
  }

  /** The upload URL: the bytes as a multipart `file` or as the body itself. */
  async upload(call: ApiCall): Promise<ApiAnswer | undefined> {
    const id = UPLOAD.exec(call.path)?.[1];
    if (id === undefined) return undefined;
    const pending = this.pending.get(id);
    if (!pending || call.method !== "POST") return { status: 404, body: "Not Found" };
    const part = call.form?.get("file");
    const bytes = part && typeof part !== "string" ? new Uint8Array(await part.arrayBuffer()) : call.bytes;
    const mime = part && typeof part !== "string" ? part.type : (call.headers["content-type"] ?? "");
    pending.stored = this.session.files.put(pending.filename, mime || "application/octet-stream", bytes);
    return { status: 200, body: `OK - ${bytes.byteLength}` };
  }

  /** files.completeUploadExternal: the uploaded files, shared by the bot, or the id of one that was not uploaded. */
  complete(entries: readonly { id: string; title?: string }[], bot: string): SlackFile[] | string {
    const files: SlackFile[] = [];
    for (const entry of entries) {
      const stored = this.pending.get(entry.id)?.stored;
      if (!stored) return entry.id;
      this.pending.delete(entry.id);
      files.push(this.share(stored, bot, entry.title, entry.id));
    }
    return files;
  }

  stored(id: string): StoredFile | undefined {
    return this.shared.get(id)?.stored;
  }

  delete(id: string): boolean {
    return this.shared.delete(id);
  }

  /** A private URL: the bytes to the bot token; without it, Slack's sign-in page. */
  serve(call: ApiCall): ApiAnswer | undefined {
    const [, id = "", name = ""] = PRIVATE.exec(call.path) ?? [];
    if (!id) return undefined;
    if (call.headers.authorization !== `Bearer ${this.token}`) {
      return { status: 200, body: "<!DOCTYPE html><title>Sign in | Slack</title>", contentType: "text/html" };
    }
    const shared = this.shared.get(id);
    if (!shared || encodeURIComponent(shared.stored.name) !== name) return { status: 404, body: "Not Found" };
    return { status: 200, body: shared.stored.bytes, contentType: shared.stored.mime };
  }
}
