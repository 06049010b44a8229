/**
 * Files on their way between a platform and the Worker: a response's body
 * read within the size cap, and a reply's file made ready to send (its
 * bytes, a URL, or the id the platform gave it before).
 */
import { FileError, type FileOut, kindOf } from "../core/files.ts";
import type { FileKind } from "../core/update.ts";
import type { AdapterEnv } from "./adapter.ts";

const TIMEOUT_MS = 30_000;

/**
 * A file's bytes from `response`, at most `maxBytes` of them: a larger file
 * (by its Content-Length, or as it arrives) is `too_big`, a refusal is
 * `failed`; a body that breaks off throws as it broke. What is not read is
 * cancelled.
 */
export async function readFileBody(response: Response, maxBytes: number): Promise<Uint8Array> {
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new FileError("failed");
  }
  if (Number(response.headers.get("content-length") ?? 0) > maxBytes) {
    await response.body.cancel();
    throw new FileError("too_big", maxBytes);
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      size += read.value.byteLength;
      if (size > maxBytes) throw new FileError("too_big", maxBytes);
      chunks.push(read.value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** A reply's file, ready for a platform's upload. */
export interface Outgoing {
  readonly name: string;
  readonly mime: string;
  readonly kind: FileKind;
  /** Where the platform may fetch it itself (Telegram takes URLs). */
  readonly url?: string;
  /** The id this platform gave the file when it was sent before: sending that sends the same file. */
  readonly platformId?: string;
  bytes(): Promise<Uint8Array>;
  /** Keeps the id the platform gave the file now (kept files only; else nothing). */
  remember(platformId: string): Promise<void>;
}

/** `file` as `platform` sends it: bytes made by the bot, a URL (fetched within the cap where needed), or a kept file. */
export async function outgoing(file: FileOut, platform: string, env: AdapterEnv): Promise<Outgoing> {
  const none = async () => {};
  if ("data" in file) {
    return { name: file.name, mime: file.mime, kind: kindOf(file.mime), bytes: async () => file.data, remember: none };
  }
  if ("url" in file) {
    const bytes = async () =>
      readFileBody(await env.fetch(file.url, { signal: AbortSignal.timeout(TIMEOUT_MS) }), env.maxFileBytes);
    return { name: file.name, mime: file.mime, kind: kindOf(file.mime), url: file.url, bytes, remember: none };
  }
  const stored = await env.files?.open(file.stored);
  if (!stored) throw new Error(`No kept file ${file.stored}`);
  const platformId = stored.platformIds[platform];
  return {
    name: stored.name,
    mime: stored.mime,
    kind: stored.kind,
    ...(platformId === undefined ? {} : { platformId }),
    bytes: () => stored.bytes(),
    remember: async (id) => env.files?.remember(file.stored, platform, id),
  };
}
