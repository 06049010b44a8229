import { describe, expect, it, vi } from "vitest";
import { timingSafeEqualText } from "../../src/lib/timing-safe.ts";

describe("timingSafeEqualText", () => {
  it("is true for equal strings", async () => {
    for (const text of ["", "secret-token", "pässwörd 🔑"]) {
      expect(await timingSafeEqualText(text, text), text).toBe(true);
    }
  });

  it("is false for strings of one length that differ anywhere", async () => {
    for (const other of ["Xecret-token", "secret-Xoken", "secret-tokeX"]) {
      expect(await timingSafeEqualText(other, "secret-token"), other).toBe(false);
    }
  });

  it("is false for strings of different lengths, compared as equal-length digests", async () => {
    const compare = vi.spyOn(crypto.subtle, "timingSafeEqual");
    expect(await timingSafeEqualText("secret", "secret-token")).toBe(false);
    expect(await timingSafeEqualText("", "secret-token")).toBe(false);
    expect(await timingSafeEqualText("secret-token-and-more", "secret-token")).toBe(false);
    expect(compare.mock.calls.map(([a, b]) => [a.byteLength, b.byteLength])).toEqual([
      [32, 32],
      [32, 32],
      [32, 32],
    ]);
  });
});
