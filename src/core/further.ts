/**
 * The seam for understanding beyond tier 1: plain words the offline matcher
 * did not run ("did you mean …?" or not understood) go to a further reader
 * when one is configured (tier 2, such as a language model), before the bot
 * answers with tier 1's choice or its list of commands. What it reads runs
 * as if its command had been typed, checked like any command; when it reads
 * nothing, or fails, tier 1's answer stands.
 */
import { describeError, log } from "../log.ts";
import type { ArgMap } from "./dialog.ts";
import type { Bot } from "./intent.ts";
import { type Decision, decideReading, type Unplaced } from "./router.ts";
import type { Update } from "./update.ts";

/** What tier 1 made of the words it did not run, for the further reader. */
export interface FurtherQuestion {
  readonly bot: Bot;
  readonly update: Update;
  /** The words, as the user wrote them (a `/ask` question without the command). */
  readonly text: string;
  /** The language the user is answered in. */
  readonly locale: string;
  /** The language tier 1 read the words in (`en`, `de`). */
  readonly language: string;
  /** `ask`: tier 1 would offer its readings; `none`: it found nothing that fits. */
  readonly band: "ask" | "none";
  /** Tier 1's readings, best first, with their confidence (0 to 1). */
  readonly readings: readonly {
    readonly intent: string;
    readonly subcommand?: string;
    readonly args: ArgMap;
    readonly confidence: number;
  }[];
}

/** A reading of the further reader: a command of the bot with its arguments, and how sure it is. */
export interface FurtherReading {
  readonly intent: string;
  readonly subcommand?: string;
  readonly args: ArgMap;
  readonly confidence: number;
}

/**
 * Reads what tier 1 could not; undefined leaves tier 1's answer. Called at
 * most once per attempt at a delivery (again when its save conflicts).
 */
export type UnderstandFurther = (question: FurtherQuestion) => Promise<FurtherReading | undefined>;

/** The further reader's decision for the unplaced words, or undefined to keep tier 1's. */
export async function understandFurther(
  further: UnderstandFurther,
  unplaced: Unplaced & { readonly kind: "choose" | "not_understood" },
  context: { readonly bot: Bot; readonly update: Update; readonly locale: string },
): Promise<Decision | undefined> {
  const { bot, update, locale } = context;
  const readings = unplaced.readings.map((reading) => ({
    intent: reading.intent.command,
    ...(reading.subcommand ? { subcommand: reading.subcommand.name } : {}),
    args: reading.args,
    confidence: reading.confidence,
  }));
  const band = unplaced.kind === "choose" ? "ask" : "none";
  try {
    const { text, language } = unplaced;
    const found = await further({ bot, update, text, locale, language, band, readings });
    if (!found) return undefined;
    const name = found.subcommand ? `${found.intent} ${found.subcommand}` : found.intent;
    return decideReading(bot, found, { tier: 2, confidence: found.confidence, reading: name });
  } catch (error) {
    const fields = { bot: update.bot, platform: update.platform, eventId: update.eventId };
    log("error", "understand_further_failed", { ...fields, error: describeError(error) });
    return undefined;
  }
}
