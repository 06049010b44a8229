/**
 * Dialog state: the question a user still owes the bot an answer to, in one
 * chat. The next message of that user in that chat fills the awaited argument
 * and the intent runs again with everything gathered so far.
 */

import type { Attachment } from "./update.ts";

/** Arguments by name: typed values, and the files of `file` arguments. */
export type ArgMap = Readonly<Record<string, string | number | Attachment>>;

export interface PendingQuestion {
  readonly intent: string;
  readonly subcommand?: string;
  readonly args: ArgMap;
  readonly awaiting: string;
  /** Epoch milliseconds after which the question is forgotten. */
  readonly expiresAt: number;
}

/** How long a question waits for its answer. */
export const QUESTION_TTL_MS = 10 * 60 * 1000;

/** The question that resumes `invocation` with its `awaiting` argument filled, asked at `now`. */
export function pendingQuestion(
  invocation: { readonly intent: string; readonly subcommand?: string | undefined; readonly args: ArgMap },
  awaiting: string,
  now: Date,
): PendingQuestion {
  return {
    intent: invocation.intent,
    ...(invocation.subcommand === undefined ? {} : { subcommand: invocation.subcommand }),
    args: invocation.args,
    awaiting,
    expiresAt: now.getTime() + QUESTION_TTL_MS,
  };
}

export function isLive(question: PendingQuestion | null, now: number): question is PendingQuestion {
  return question !== null && question.expiresAt > now;
}
