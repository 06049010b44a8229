/**
 * Digests: scheduled messages a bot defines and users subscribe to. A digest
 * is rendered once per period and the same reply goes to every subscriber.
 */
import type { Translate } from "./i18n.ts";
import type { Reply } from "./reply.ts";
import type { Services } from "./services.ts";

/** A digest is rendered once per period and language, for every subscriber who reads that language. */
export interface DigestContext {
  readonly services: Services;
  /** The start of the period being rendered. */
  readonly now: Date;
  /** The language of this rendering, one of the bot's. */
  readonly locale: string;
  /** The bot's messages in `locale`, as `ctx.t` in a handler. */
  readonly t: Translate;
}

export interface Digest {
  /** The name users subscribe with (`/subscribe news 08:00`). */
  readonly name: string;
  readonly description: string;
  render(ctx: DigestContext): Promise<Reply>;
}
