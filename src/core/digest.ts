/**
 * Digests: scheduled messages a bot defines and users subscribe to. A digest
 * may take arguments (the weather's city), declared like an intent's and
 * checked by the same code. It is rendered once per (digest, arguments,
 * period, language), and the same reply goes to every subscriber of that key.
 */
import type { Translate } from "./i18n.ts";
import type { ArgSpec } from "./intent.ts";
import type { Reply } from "./reply.ts";
import type { Services } from "./services.ts";

/** A digest's arguments once checked: strings and numbers, in their canonical form. */
export type DigestArgs = Readonly<Record<string, string | number>>;

/** A digest is rendered once per period, arguments and language, for every subscriber of that key. */
export interface DigestContext {
  readonly services: Services;
  /** The start of the period being rendered. */
  readonly now: Date;
  /** The language of this rendering, one of the bot's. */
  readonly locale: string;
  /** The bot's messages in `locale`, as `ctx.t` in a handler. */
  readonly t: Translate;
  /** The subscription's arguments, as `canonical` gave them. */
  readonly args: DigestArgs;
}

/** What `canonical` is given when a user subscribes. */
export interface DigestCheck {
  readonly services: Services;
  readonly args: DigestArgs;
  readonly locale: string;
  readonly t: Translate;
}

export interface Digest {
  /** The name users subscribe with (`/subscribe news 08:00`). */
  readonly name: string;
  readonly description: string;
  /** Its arguments, typed and asked for as an intent's (`/subscribe weather Berlin 07:00`). */
  readonly args?: readonly ArgSpec[];
  /**
   * The arguments as they are stored and shared ("berlin" and "Berlin, DE"
   * become one city), checked when a user subscribes: throw `UserError` (or
   * let a service's not-found error through) for a value that cannot be
   * rendered, and nothing is stored. Without it, the checked arguments as given.
   */
  canonical?(check: DigestCheck): Promise<DigestArgs>;
  /** What the digest is, in the user's words ("weather for Berlin"), for lists and for the notice when it fails. */
  title?(args: DigestArgs, t: Translate): string;
  render(ctx: DigestContext): Promise<Reply>;
}

/** The key a render is shared under: the arguments as JSON with their names in order. */
export function argsKey(args: DigestArgs): string {
  return JSON.stringify(Object.fromEntries(Object.entries(args).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/** How the digest is named to users: its title for these arguments, else its name. */
export function digestTitle(digest: Digest, args: DigestArgs, t: Translate): string {
  return digest.title?.(args, t) ?? digest.name;
}
