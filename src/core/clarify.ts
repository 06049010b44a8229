/**
 * What the bot says when plain words were not run: "did you mean …?" with
 * one button per reading, kept as the user's pending choice; what it can
 * do, as buttons, when nothing fitted; and a note for a press of a choice
 * that is no longer open.
 */
import { askIntent } from "./ask.ts";
import { type ChoiceQuestion, choiceValue, pendingChoice } from "./dialog.ts";
import { commandLine, startableCommands } from "./help.ts";
import type { Translate } from "./i18n.ts";
import type { Bot } from "./intent.ts";
import { buttonRows, MAX_BUTTONS_PER_ROW, type Reply } from "./reply.ts";
import type { Reading } from "./router.ts";

/** Two rows: the main commands, not the whole menu (`/help` lists them all). */
const MAX_COMMAND_BUTTONS = 2 * MAX_BUTTONS_PER_ROW;

/** "Did you mean …?" and the choice it leaves pending: each button sends its reading's place in the choice. */
export function didYouMean(
  readings: readonly Reading[],
  t: Translate,
  locale: string,
  now: Date,
): { reply: Reply; choice: ChoiceQuestion } {
  const choice = pendingChoice(
    readings.map((reading) => ({
      intent: reading.intent.command,
      ...(reading.subcommand ? { subcommand: reading.subcommand.name } : {}),
      args: reading.args,
    })),
    now,
  );
  const buttons = readings.map((reading, index) => ({
    label: commandLine(reading.intent, reading.subcommand, reading.args),
    value: choiceValue(choice, index),
  }));
  return { reply: { text: t("parley-did-you-mean"), buttons: buttonRows(buttons), locale }, choice };
}

/** Nothing fitted: what the bot can do, one button per command a press can start. */
export function notUnderstood(bot: Bot, t: Translate, locale: string): Reply {
  const commands = startableCommands(bot, [askIntent]).slice(0, MAX_COMMAND_BUTTONS);
  const buttons = buttonRows(commands.map((command) => ({ label: command, value: command })));
  return { text: t("parley-not-understood"), ...(buttons.length > 0 ? { buttons } : {}), private: true, locale };
}

/** A press of a choice that was answered, replaced, expired, or offered to someone else. */
export function staleChoice(t: Translate, locale: string): Reply {
  return { text: t("parley-choice-stale"), private: true, locale };
}
