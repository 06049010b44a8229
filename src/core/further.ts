/**
 * Understanding further (tier 2): the one seam between the engine and a
 * language model. Plain words that tier 1 did not run ("did you mean …?" or
 * not understood) go to the engine's `UnderstandFurther` hook, if it has
 * one, and the engine does what it says: run a command as if the user had
 * typed it (through the router, with its checks, its questions for missing
 * arguments and its middleware), send a plain answer, or let tier 1's
 * answer stand. The webhook builds the hook from the deployment's settings
 * (src/ai/); without one, nothing changes. The engine itself never calls
 * out: what a hook costs and how it fails is the hook's business, and it
 * never throws.
 */
import type { Bot } from "./intent.ts";
import type { CommandInvocation, Update } from "./update.ts";

/** A reading tier 1 found but was not sure enough of: a hint for the model, never an instruction. */
export interface Hint {
  readonly intent: string;
  readonly subcommand?: string;
  /** 0 to 1. */
  readonly confidence: number;
}

export interface FurtherRequest {
  readonly bot: Bot;
  readonly update: Update;
  /** The words, as the user wrote them (a `/ask` question without the command). */
  readonly text: string;
  /** The language the user is answered in. */
  readonly locale: string;
  /** `ask`: tier 1 would offer its readings; `none`: it found nothing that fits. */
  readonly band: "ask" | "none";
  /** Tier 1's readings of the words, best first; none when it had no guess. */
  readonly hints: readonly Hint[];
}

/** What the hook made of the words. */
export type Further =
  /** Run this command as if it had been typed; the router checks it like any other. */
  | { readonly kind: "command"; readonly command: CommandInvocation }
  /** Send this text as the answer, as plain text. */
  | { readonly kind: "reply"; readonly text: string }
  /** The answer is being written elsewhere (from the queue, while the user watches): nothing to send now. */
  | { readonly kind: "later" }
  /** Nothing came of it: tier 1's answer stands. */
  | { readonly kind: "none" };

/**
 * Asked at most once per update, however often the engine attempts it
 * (a save conflict makes it attempt again): a hook answers a repeated
 * request for the same update with its first answer.
 */
export type UnderstandFurther = (request: FurtherRequest) => Promise<Further>;
