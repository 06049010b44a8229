/**
 * Kept files in R2 and D1: one keeping keeps one file however often it is
 * made, the quota holds for files kept at the same moment, a kept file opens
 * with the ids platforms gave it, and `forgetFiles` erases a user's files,
 * objects and rows, and nobody else's.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { FileOwner, NewFile } from "../../src/core/files.ts";
import { FileStorage, forgetFiles } from "../../src/store/files.ts";

const BUCKET = env.FILES;

function owner(userId: string): FileOwner {
  return { bot: "shelf", platform: "telegram", userId, chatId: userId };
}

function file(key: string, text: string, extra: Partial<NewFile> = {}): NewFile {
  const data = new TextEncoder().encode(text);
  return {
    key,
    title: key,
    name: `${key}.txt`,
    mime: "text/plain",
    kind: "document",
    size: data.byteLength,
    bytes: async () => data,
    ...extra,
  };
}

async function rows(userId: string): Promise<{ title: string; r2_key: string }[]> {
  const { results } = await env.DB.prepare(
    "SELECT title, r2_key FROM files WHERE bot = 'shelf' AND user_id = ? ORDER BY id",
  )
    .bind(userId)
    .all<{ title: string; r2_key: string }>();
  return results;
}

describe("kept files", () => {
  it("keeps one file for one keeping, however often it is made", async () => {
    const storage = new FileStorage(env.DB, BUCKET, "shelf", { files: 10, bytes: 1000 });
    const first = await storage.keep(owner("s1"), file("once", "hello"));
    const again = await storage.keep(owner("s1"), file("once", "hello"));
    expect(again).toEqual(first);
    expect((await rows("s1")).map((row) => row.title)).toEqual(["once"]);
  });

  it("lets only one of two files kept at the same moment take the last place", async () => {
    const storage = new FileStorage(env.DB, BUCKET, "shelf", { files: 1, bytes: 1000 });
    const results = await Promise.all([
      storage.keep(owner("s2"), file("left", "a")),
      storage.keep(owner("s2"), file("right", "b")),
    ]);
    expect(results.filter((result) => "kept" in result)).toHaveLength(1);
    expect(results.filter((result) => "full" in result)).toEqual([{ full: "count", max: 1 }]);
    const kept = await rows("s2");
    expect(kept).toHaveLength(1);
    // The refused file's bytes are not left behind.
    const listed = await BUCKET.list({ prefix: "files/shelf/telegram/s2/" });
    expect(listed.objects.map((object) => object.key)).toEqual(kept.map((row) => row.r2_key));
  });

  it("refuses by the size the platform reported, before fetching the bytes", async () => {
    const storage = new FileStorage(env.DB, BUCKET, "shelf", { files: 10, bytes: 10 });
    let fetched = false;
    const big = file("big", "x", {
      size: 11,
      bytes: async () => {
        fetched = true;
        return new Uint8Array(11);
      },
    });
    expect(await storage.keep(owner("s3"), big)).toEqual({ full: "bytes", max: 10 });
    expect(fetched).toBe(false);
  });

  it("opens a kept file with its bytes and the ids platforms gave it", async () => {
    const storage = new FileStorage(env.DB, BUCKET, "shelf", { files: 10, bytes: 1000 });
    const keeping = await storage.keep(owner("s4"), file("photo", "JPEG", { platformFileId: "tg-file-1" }));
    if (!("kept" in keeping)) throw new Error("not kept");
    const opened = await storage.open(keeping.kept.id);
    expect(opened?.platformIds).toEqual({ telegram: "tg-file-1" });
    expect(new TextDecoder().decode(await opened?.bytes())).toBe("JPEG");
    await storage.remember(keeping.kept.id, "discord", "dc-1");
    expect((await storage.open(keeping.kept.id))?.platformIds).toEqual({ telegram: "tg-file-1", discord: "dc-1" });
    // Another bot's storage does not open it.
    expect(
      await new FileStorage(env.DB, BUCKET, "other", { files: 1, bytes: 1 }).open(keeping.kept.id),
    ).toBeUndefined();
  });

  it("forgets every file of one user, objects and rows, and leaves the others'", async () => {
    const storage = new FileStorage(env.DB, BUCKET, "shelf", { files: 10, bytes: 1000 });
    await storage.keep(owner("s5"), file("one", "1"));
    await storage.keep(owner("s5"), file("two", "2"));
    await storage.keep(owner("s6"), file("theirs", "3"));
    expect(await forgetFiles(env.DB, BUCKET, { bot: "shelf", platform: "telegram", userId: "s5" })).toBe(2);
    expect(await rows("s5")).toEqual([]);
    expect((await BUCKET.list({ prefix: "files/shelf/telegram/s5/" })).objects).toEqual([]);
    expect((await rows("s6")).map((row) => row.title)).toEqual(["theirs"]);
  });
});
