/**
 * Answering an interaction. Discord wants the webhook's answer within three
 * seconds: replies ready within the inline budget travel in that answer; a
 * slower handler is acknowledged (deferred) and its replies go through the
 * interaction's webhook afterwards, for up to fifteen minutes.
 *
 * How a reply shows:
 * - a command's or a modal's replies are new messages (type 4, or the
 *   deferred "thinking…" message filled in by a PATCH of `@original`);
 * - a button press on a message the bot made for the same user replaces
 *   that message (type 7, or type 6 then the PATCH): a refreshed forecast
 *   takes the old one's place, and a to-do list's stale ✓ buttons disappear
 *   with it. On anyone else's message the press gets a new message instead;
 * - a question without buttons or choices opens a modal (type 9) when the
 *   question is the whole answer and arrives in time, so the user answers
 *   in place.
 *   A modal can only be the first answer to an interaction, and not to a
 *   modal's own submission, so a question that comes after a deferral, with
 *   other replies, or right after a modal is a message with an "Answer"
 *   button instead, and that button opens the same modal;
 * - several arguments asked at once (`Reply.form`) open one modal with a
 *   field each, the same way;
 * - a private reply (a usage error, an apology) is ephemeral in a server,
 *   where others would see it; in a DM it is an ordinary message, since
 *   ephemeral messages vanish when the app restarts. Discord fixes the
 *   visibility of a deferred message when deferring, so a private reply that
 *   fills a public "thinking…" message stays public.
 */
import type {
  APIApplicationCommandOptionChoice,
  APIInteractionResponse,
  APIModalInteractionResponseCallbackData,
} from "discord-api-types/v10";
import { formTexts } from "../../core/help.ts";
import { replyTexts } from "../../core/i18n.ts";
import type { Bot, Suggestion } from "../../core/intent.ts";
import { clip, type FormRef, type Reply, type ReplyTexts } from "../../core/reply.ts";
import type { Update } from "../../core/update.ts";
import type { AdapterEnv, RespondOptions } from "../adapter.ts";
import type { DiscordApi } from "./api.ts";
import { formCustomId, formModal } from "./form.ts";
import { bodyOf, idOf, ORIGINAL, prepare, sentVia } from "./messages.ts";
import { answerModal, messageBody, renderReply } from "./render.ts";
import { InteractionResponseType, Routes } from "./wire.ts";

/** Leaves half of Discord's three seconds for the claim before and the network after. */
export const INLINE_BUDGET_MS = 1500;

/** An interaction's token answers for 15 minutes; the last one is left for the sending itself. */
export const INTERACTION_WINDOW_MS = 14 * 60_000;

const CHOICES_LIMIT = 25;
const CHOICE_LIMIT = 100;

function answer(response: APIInteractionResponse): Response {
  return Response.json(response);
}

/** Private in a server, and wherever others are in the conversation with a user who brought the bot themselves. */
function ephemeral(reply: Reply, update: Update): boolean {
  return reply.private === true && (update.chat.kind === "group" || update.chat.reachable === false);
}

/** Whether the reply takes the place of the message the user pressed a button on. */
function replacesPressed(reply: Reply, update: Update): boolean {
  return update.route.replaces === "1" && reply.private !== true;
}

export function pong(): Response {
  return answer({ type: InteractionResponseType.Pong });
}

/** The answer modal, opened straight from the "Answer" button under a question. */
export function modalFor(question: string, texts: ReplyTexts): Response {
  return answer({ type: InteractionResponseType.Modal, data: answerModal(question, texts) });
}

/** A form's modal opened from its "Answer" button, in `locale`; undefined when the bot has no such form. */
export function formModalFor(form: FormRef, bot: Bot, locale: string): Response | undefined {
  const texts = formTexts(bot, locale, form);
  const customId = formCustomId(form);
  return texts && customId
    ? answer({ type: InteractionResponseType.Modal, data: formModal(customId, texts) })
    : undefined;
}

/** The modal of a question: its form's when it is one of several asked at once, else the one-field answer modal. */
function questionModal(reply: Reply, bot: Bot, texts: ReplyTexts): APIModalInteractionResponseCallbackData {
  const form = reply.form && formTexts(bot, reply.locale ?? bot.defaultLocale, reply.form);
  const customId = reply.form && formCustomId(reply.form);
  return form && customId ? formModal(customId, form) : answerModal(reply.text, texts);
}

/** The webhook's answer carrying the replies, or undefined when they need a deferral and follow-ups. */
export function inlineResponse(update: Update, replies: readonly Reply[], bot: Bot): Response | undefined {
  const [reply, ...more] = replies;
  if (reply === undefined) {
    // A press that leads to nothing is acknowledged without changing anything.
    return update.route.source === "component"
      ? answer({ type: InteractionResponseType.DeferredMessageUpdate })
      : undefined;
  }
  // A file is uploaded as multipart, which only the webhook's follow-ups take here.
  if (more.length > 0 || reply.file) return undefined;
  const texts = replyTexts(bot, reply.locale);
  if (reply.asks && !reply.buttons?.length && !reply.choices?.length && update.route.source !== "modal") {
    return answer({ type: InteractionResponseType.Modal, data: questionModal(reply, bot, texts) });
  }
  const [message, ...rest] = renderReply(reply, texts);
  if (message === undefined || rest.length > 0) return undefined;
  return replacesPressed(reply, update)
    ? answer({ type: InteractionResponseType.UpdateMessage, data: messageBody(message, false) })
    : answer({
        type: InteractionResponseType.ChannelMessageWithSource,
        data: messageBody(message, ephemeral(reply, update)),
      });
}

/** The deferral: a silent acknowledgement when the pressed message will be replaced, "thinking…" otherwise. */
export function deferral(update: Update): Response {
  return update.route.replaces === "1"
    ? answer({ type: InteractionResponseType.DeferredMessageUpdate })
    : answer({ type: InteractionResponseType.DeferredChannelMessageWithSource });
}

/**
 * Finishes a deferred interaction: the first message fills in the deferred
 * one (or replaces the pressed message), every further message is a
 * follow-up. A private reply on a press leaves the pressed message alone.
 * Picking up from a later reply (`from` > 0), the first message went out
 * before: everything is a follow-up, never a second edit of that message.
 */
export async function sendDeferred(
  update: Update,
  replies: readonly Reply[],
  api: DiscordApi,
  env: AdapterEnv,
  options: RespondOptions = {},
): Promise<void> {
  const { applicationId = "", token = "" } = update.route;
  const from = options.from ?? 0;
  // Without a message id the route is `…/messages/@original` (passed in, the "@" would come out escaped).
  let originalPending = from === 0;
  // A command that ended without a word would leave "thinking…" up for good; a pressed button has nothing showing.
  if (replies.length === 0 && originalPending && !update.isButtonPress) {
    await api.request("DELETE", Routes.webhookMessage(applicationId, token));
    return;
  }
  for (const [offset, reply] of replies.entries()) {
    const ids: string[] = [];
    for (const prepared of await prepare(reply, env)) {
      const original = originalPending && (update.route.replaces !== "1" || replacesPressed(reply, update));
      const answer = original
        ? await api.request(
            "PATCH",
            Routes.webhookMessage(applicationId, token),
            bodyOf(prepared, false),
            prepared.file,
          )
        : await api.request(
            "POST",
            Routes.webhook(applicationId, token),
            bodyOf(prepared, ephemeral(reply, update)),
            prepared.file,
          );
      const id = idOf(answer) ?? (original ? ORIGINAL : undefined);
      if (id !== undefined) ids.push(id);
      originalPending = false;
    }
    options.onSent?.(from + offset, sentVia({ applicationId, token, ...(reply.file ? { file: "1" } : {}) }, ids));
  }
}

/** Autocomplete's answer: at most 25 choices, numbers for a numeric option, none that Discord would refuse. */
export function suggestionsResponse(suggestions: readonly Suggestion[], numeric: boolean): Response {
  const choices = suggestions.flatMap((suggestion): APIApplicationCommandOptionChoice[] => {
    const name = clip(suggestion.label || suggestion.value, CHOICE_LIMIT);
    if (!numeric) return suggestion.value.length <= CHOICE_LIMIT ? [{ name, value: suggestion.value }] : [];
    const value = Number(suggestion.value);
    return suggestion.value.trim() !== "" && Number.isFinite(value) ? [{ name, value }] : [];
  });
  return answer({
    type: InteractionResponseType.ApplicationCommandAutocompleteResult,
    data: { choices: choices.slice(0, CHOICES_LIMIT) },
  });
}
