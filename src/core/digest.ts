/**
 * Digests: scheduled messages a bot defines and users subscribe to. A digest
 * is rendered once per period and the same reply goes to every subscriber.
 */
import type { Reply } from "./reply.ts";
import type { Services } from "./services.ts";

export interface DigestContext {
  readonly services: Services;
  /** The start of the period being rendered. */
  readonly now: Date;
}

export interface Digest {
  /** The name users subscribe with (`/subscribe news 08:00`). */
  readonly name: string;
  readonly description: string;
  render(ctx: DigestContext): Promise<Reply>;
}
