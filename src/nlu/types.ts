/**
 * The shapes of plain-language understanding: what a bot teaches it (one
 * `Understandable` per intent or subcommand, with example templates) and what
 * it answers for a message (ranked candidates with their arguments).
 */

/** The languages the matcher reads. */
export type Locale = "en" | "de";

export const LOCALES: readonly Locale[] = ["en", "de"];

/**
 * What recognises a slot's value in a message. `text` and `city` take free
 * words from where the templates put them; every other kind has a recogniser
 * that also turns the words into the value the handler accepts.
 */
export type EntityKind =
  | "text"
  | "city"
  | "currency"
  | "number"
  | "count"
  | "duration"
  | "time"
  | "zone"
  | "digest"
  | "rhythm";

/** Every kind of value the matcher finds, in a fixed order (its bit in `kindBit`). */
export const ENTITY_KINDS: readonly EntityKind[] = [
  "text",
  "city",
  "currency",
  "number",
  "count",
  "duration",
  "time",
  "zone",
  "digest",
  "rhythm",
];

export interface SlotSpec {
  /** The argument's name, as in the intent's `ArgSpec`. */
  readonly name: string;
  readonly type: "string" | "integer" | "number";
  /** Defaults from the type: string → text, integer → count, number → number. */
  readonly entity?: EntityKind;
  readonly optional?: boolean;
  /**
   * The value this slot takes when the message gives none but fills another
   * slot that implies it, by that slot's name: a digest subscription with two
   * currencies is for the rates digest, `{ from: "rates" }`.
   */
  readonly impliedBy?: Readonly<Record<string, SlotValue>>;
}

/**
 * One thing a user can ask for, taught by example. Templates name slots in
 * braces: "weather in {city}", "convert {amount} {from} to {to}".
 */
export interface Understandable {
  /** The command name, e.g. "weather". */
  readonly intent: string;
  /** e.g. "add" for `todo add`. */
  readonly subcommand?: string;
  readonly slots: readonly SlotSpec[];
  readonly examples: Partial<Record<Locale, readonly string[]>>;
  /**
   * A request the bot does not serve, taught so that messages which look
   * like a served one are not read as it ("what time is it in Lisbon" is no
   * weather request). Never a candidate; a message it reads best is offered
   * as nothing or, when close, only asked about.
   */
  readonly outOfScope?: boolean;
}

export type SlotValue = string | number;

export interface Candidate {
  readonly intent: string;
  readonly subcommand?: string;
  /** Values in the form the handler accepts: codes, numbers, "10m", "07:30". */
  readonly args: Readonly<Record<string, SlotValue>>;
  /** Required slots the message did not give (the bot can ask for them). */
  readonly missing: readonly string[];
  /** 0 to 1; see `decide` for the bands. */
  readonly confidence: number;
}

export interface Understanding {
  /** Best first; empty when nothing in the message points to any intent. */
  readonly candidates: readonly Candidate[];
  /** The language the message was read as. */
  readonly locale: Locale;
}

export interface Matcher {
  /**
   * Reads one message. `locale` is the user's language if known (any BCP 47
   * tag; only its language counts); the text's own words decide when they
   * clearly belong to the other language. Never throws.
   */
  understand(text: string, locale?: string): Understanding;
}
