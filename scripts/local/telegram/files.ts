/**
 * Files as Telegram knows them: each has a `file_id` (which sends it again),
 * a `file_unique_id`, and a path under the bot's file URL
 * (`/file/bot<token>/<file_path>`), which `getFile` names.
 */
import type { Document, File, PhotoSize } from "grammy/types";
import type { StoredFile } from "../files.ts";

/** Pictures Telegram's apps send as photos; anything else goes as a document. */
const PHOTO_TYPES: ReadonlySet<string> = new Set(["image/jpeg", "image/png", "image/webp"]);

export function isPhoto(mime: string): boolean {
  return PHOTO_TYPES.has(mime);
}

interface Known {
  readonly stored: StoredFile;
  readonly file: File;
}

export class TelegramFiles {
  private readonly byId = new Map<string, Known>();
  private readonly byPath = new Map<string, StoredFile>();

  private register(stored: StoredFile, photo: boolean): File {
    const extension = /\.[a-z0-9]+$/i.exec(stored.name)?.[0] ?? "";
    const file: File = {
      file_id: `AgAC-local-${stored.id}`,
      file_unique_id: `AQAD-${stored.id}`,
      file_size: stored.bytes.byteLength,
      file_path: photo ? `photos/file_${stored.id}.jpg` : `documents/file_${stored.id}${extension}`,
    };
    this.byId.set(file.file_id, { stored, file });
    if (file.file_path) this.byPath.set(file.file_path, stored);
    return file;
  }

  /** A photo's one size, as a message carries it (Telegram's apps would add smaller ones). */
  photo(stored: StoredFile): PhotoSize {
    const { file_id, file_unique_id, file_size } = this.register(stored, true);
    return { file_id, file_unique_id, width: 1280, height: 960, ...(file_size ? { file_size } : {}) };
  }

  document(stored: StoredFile): Document {
    const { file_id, file_unique_id, file_size } = this.register(stored, false);
    return { file_id, file_unique_id, file_name: stored.name, mime_type: stored.mime, file_size: file_size ?? 0 };
  }

  /** What getFile answers for a file id, if Telegram knows it. */
  file(fileId: string): File | undefined {
    return this.byId.get(fileId)?.file;
  }

  stored(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId)?.stored;
  }

  atPath(path: string): StoredFile | undefined {
    return this.byPath.get(path);
  }
}
