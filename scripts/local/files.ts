/**
 * Every file in the emulated chats, kept in memory: what Ada uploads and
 * what the bot sends. Each platform's stand-in serves a file's bytes at the
 * URL that platform would give it (a Telegram file path, a Discord
 * attachment, a Slack private URL); the page shows it from `/dev/files/`.
 */
import type { ChatFile } from "./protocol.ts";

export interface StoredFile {
  readonly id: string;
  readonly name: string;
  readonly mime: string;
  readonly bytes: Uint8Array;
}

/** Where the page loads a file from, relative to the page server. */
function pagePath(file: StoredFile): string {
  return `/dev/files/${file.id}/${encodeURIComponent(file.name)}`;
}

/** A file as the chat shows it. */
export function chatFile(file: StoredFile): ChatFile {
  return { name: file.name, mime: file.mime, size: file.bytes.byteLength, url: pagePath(file) };
}

/** A file's type from its name, as a browser guesses it for an upload. */
export function mimeOf(name: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? "";
  const types: Readonly<Record<string, string>> = {
    jpg: "image/jpeg",
    jpeg: "image/jpeg",
    png: "image/png",
    webp: "image/webp",
    gif: "image/gif",
    pdf: "application/pdf",
    txt: "text/plain",
  };
  return types[extension] ?? "application/octet-stream";
}

export class LocalFiles {
  private readonly files = new Map<string, StoredFile>();
  private nextId = 1;

  put(name: string, mime: string, bytes: Uint8Array): StoredFile {
    const file = { id: `f${this.nextId++}`, name, mime, bytes };
    this.files.set(file.id, file);
    return file;
  }

  get(id: string): StoredFile | undefined {
    return this.files.get(id);
  }
}
