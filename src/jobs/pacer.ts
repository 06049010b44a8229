/**
 * One Durable Object per bot and platform that paces scheduled sends: every
 * queue consumer asks it for send times before sending (one `reserve` per
 * batch), so concurrent consumers get disjoint slots and the bot stays
 * inside the platform's rate, and a 429 reported by any of them pauses the
 * slots of all.
 *
 * Why an object and not the queue's own delays: `retry({ delaySeconds })`
 * and `sendBatch` delays are whole seconds, and each consumer would choose
 * them alone, so four consumers at "30 a second" would send 120. A single
 * object sees every reservation, spaces them to the millisecond, and hears
 * back from the platform (429s, Discord's bucket headers).
 *
 * The state is in memory: an object is evicted only after it has been idle,
 * by which time every slot it handed out has passed; a pause lost with it
 * comes back with the next 429.
 */
import { DurableObject } from "cloudflare:workers";
import { SlotBucket, type SlotRequest } from "./bucket.ts";

export class SendPacer extends DurableObject {
  private readonly bucket = new SlotBucket();

  /** Slot times (epoch ms) for the requests, in their order, at `ratePerSecond` overall. */
  reserve(ratePerSecond: number, requests: readonly SlotRequest[]): number[] {
    return this.bucket.reserve(Date.now(), ratePerSecond, requests);
  }

  /** No slots for anyone for `ms`: the platform answered 429. */
  pause(ms: number): void {
    this.bucket.pause(Date.now(), ms);
  }

  /** No slots for `chat` for `ms`: the platform said that chat's bucket is empty. */
  hold(chat: string, ms: number): void {
    this.bucket.hold(chat, Date.now() + ms);
  }
}
