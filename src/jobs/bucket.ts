/**
 * The pacing arithmetic of one bot on one platform, free of any runtime: it
 * hands out send times ("slots") at most `rate` a second across everyone who
 * asks, keeps each chat's own minimum spacing, and stops handing out slots
 * while the platform asked everyone to wait. The Durable Object in
 * `pacer.ts` holds one of these per bot and platform.
 */

/** One send to reserve: the chat it goes to and how far apart that chat's messages must be. */
export interface SlotRequest {
  readonly chat: string;
  readonly spacingMs: number;
}

export class SlotBucket {
  /** The earliest time the next send may go, whatever its chat. */
  private next = 0;
  /** Until when the platform asked for no sends at all (a 429's retry_after). */
  private pausedUntil = 0;
  /** The earliest time of the next send per chat; entries in the past are forgotten. */
  private readonly chats = new Map<string, number>();

  /**
   * Reserves one slot per request, at `ratePerSecond` overall, and returns
   * the slot times in the order of the requests. Requests whose chat must
   * wait are given their slots after the others, so that one busy chat does
   * not hold the rest back.
   */
  reserve(now: number, ratePerSecond: number, requests: readonly SlotRequest[]): number[] {
    this.forget(now);
    const intervalMs = 1000 / ratePerSecond;
    const order = requests
      .map((request, index) => ({ request, index, ready: this.chats.get(request.chat) ?? 0 }))
      .sort((a, b) => a.ready - b.ready || a.index - b.index);
    const slots: number[] = new Array(requests.length);
    for (const { request, index } of order) {
      const slot = Math.max(now, this.next, this.pausedUntil, this.chats.get(request.chat) ?? 0);
      this.next = slot + intervalMs;
      this.chats.set(request.chat, slot + request.spacingMs);
      slots[index] = slot;
    }
    return slots;
  }

  /** The platform said to wait `ms` (a 429): no slot is handed out before then, to anyone. */
  pause(now: number, ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, now + ms);
  }

  /** The platform said this chat's bucket is empty until `until` (Discord's per-route headers). */
  hold(chat: string, until: number): void {
    this.chats.set(chat, Math.max(this.chats.get(chat) ?? 0, until));
  }

  private forget(now: number): void {
    for (const [chat, ready] of this.chats) if (ready <= now) this.chats.delete(chat);
  }
}
