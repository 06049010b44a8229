/**
 * Dialog state: the question a user still owes the bot an answer to, in one
 * chat. Either an argument the bot asked for (the next message of that user
 * in that chat fills it and the intent runs again with everything gathered
 * so far), or a choice between readings of a plain-language message ("did
 * you mean …?"), made with the buttons that came with it.
 */

import type { Attachment } from "./update.ts";

/** Arguments by name: typed values, and the files of `file` arguments. */
export type ArgMap = Readonly<Record<string, string | number | Attachment>>;

/** An argument the bot asked for. Stored questions from before choices existed have no `kind`. */
export interface ArgQuestion {
  readonly kind?: "arg";
  readonly intent: string;
  readonly subcommand?: string;
  readonly args: ArgMap;
  readonly awaiting: string;
  /** Epoch milliseconds after which the question is forgotten. */
  readonly expiresAt: number;
  /** Tells a pick from this question's list from picks of older ones (`pickValue`); older stored questions have none. */
  readonly id?: string;
  /** The values offered to pick from; when present, the answer must be one of them. */
  readonly choices?: readonly string[];
  /** The arguments asked at once in a form (`awaiting` first); a submitted form fills those, a message `awaiting` alone. */
  readonly form?: readonly string[];
}

/** One way of reading a message: an intent, its subcommand, its arguments. */
export interface StoredReading {
  readonly intent: string;
  readonly subcommand?: string;
  readonly args: ArgMap;
}

/** "Did you mean …?": the readings offered, one button each; `id` tells this choice's buttons from older ones. */
export interface ChoiceQuestion {
  readonly kind: "choice";
  readonly id: string;
  readonly readings: readonly StoredReading[];
  readonly expiresAt: number;
}

export type PendingQuestion = ArgQuestion | ChoiceQuestion;

/** How long a question waits for its answer. */
export const QUESTION_TTL_MS = 10 * 60 * 1000;

/** The question that resumes `invocation` with its `awaiting` argument filled, asked at `now`. */
export function pendingQuestion(
  invocation: { readonly intent: string; readonly subcommand?: string | undefined; readonly args: ArgMap },
  awaiting: string,
  now: Date,
): ArgQuestion & { readonly id: string } {
  return {
    intent: invocation.intent,
    ...(invocation.subcommand === undefined ? {} : { subcommand: invocation.subcommand }),
    args: invocation.args,
    awaiting,
    expiresAt: now.getTime() + QUESTION_TTL_MS,
    id: now.getTime().toString(36),
  };
}

/** The choice between `readings`, offered at `now`. */
export function pendingChoice(readings: readonly StoredReading[], now: Date): ChoiceQuestion {
  return { kind: "choice", id: now.getTime().toString(36), readings, expiresAt: now.getTime() + QUESTION_TTL_MS };
}

export function isLive(question: PendingQuestion | null, now: number): question is PendingQuestion {
  return question !== null && question.expiresAt > now;
}

/** What a choice's button sends: which choice, which reading (1-based). Short enough for every platform. */
export function choiceValue(choice: ChoiceQuestion, index: number): string {
  return `parley:choice:${choice.id}:${index + 1}`;
}

/** A press of a choice's button, read back: the choice's id and the reading's index (0-based). */
export function readChoiceValue(text: string): { readonly id: string; readonly index: number } | undefined {
  const match = /^parley:choice:([0-9a-z]{1,12}):([1-9])$/.exec(text.trim());
  return match ? { id: match[1] ?? "", index: Number(match[2]) - 1 } : undefined;
}

/** What picking `value` from a question's list sends: which question, which value. */
export function pickValue(question: ArgQuestion, value: string): string {
  return `parley:pick:${question.id ?? ""}:${value}`;
}

/** A pick from a question's list, read back: the question's id and the value picked. */
export function readPickValue(text: string): { readonly id: string; readonly value: string } | undefined {
  const match = /^parley:pick:([0-9a-z]{1,12}):([\s\S]+)$/.exec(text.trim());
  return match ? { id: match[1] ?? "", value: match[2] ?? "" } : undefined;
}

/** The offered value `answer` names, matched without regard to case; undefined when it names none. */
export function matchChoice(choices: readonly string[], answer: string): string | undefined {
  const wanted = answer.trim().toLowerCase();
  return choices.find((choice) => choice.toLowerCase() === wanted);
}
