/**
 * Slack messages as the bot posts them, held to Slack's limits for the
 * blocks Parley sends (mrkdwn or plain sections, and actions of buttons
 * and static selects), and read into what Slack's app shows.
 */
import { z } from "zod";
import { slackMrkdwn } from "../markup.ts";
import type { ChatButton, ChatSelect, Span } from "../protocol.ts";

const Section = z.object({
  type: z.literal("section"),
  block_id: z.string().optional(),
  text: z.object({ type: z.enum(["mrkdwn", "plain_text"]), text: z.string().min(1).max(3000) }),
});

const ButtonElement = z.object({
  type: z.literal("button"),
  action_id: z.string().min(1).max(255),
  text: z.object({ type: z.literal("plain_text"), text: z.string().min(1).max(75) }),
  value: z.string().max(2000).default(""),
});

const PlainText = z.object({ type: z.literal("plain_text"), text: z.string().min(1).max(75) });

/** A static_select: up to 100 options, each a label and a value. */
export const StaticSelect = z.object({
  type: z.literal("static_select"),
  action_id: z.string().min(1).max(255),
  placeholder: PlainText.optional(),
  options: z
    .array(z.object({ text: PlainText, value: z.string().min(1).max(150) }))
    .min(1)
    .max(100),
});

const Actions = z.object({
  type: z.literal("actions"),
  block_id: z.string().optional(),
  elements: z
    .array(z.discriminatedUnion("type", [ButtonElement, StaticSelect]))
    .min(1)
    .max(25),
});

/** What `chat.postMessage`, `chat.postEphemeral`, response URLs and slash command answers share. */
export const MessageBody = z.object({
  text: z.string().default(""),
  blocks: z
    .array(z.discriminatedUnion("type", [Section, Actions]))
    .max(50)
    .default([]),
});

export type MessageBody = z.infer<typeof MessageBody>;

/** Slack's refusal of a message body, or the body. */
export function checkMessage(body: unknown): MessageBody | string {
  const parsed = MessageBody.safeParse(body);
  if (!parsed.success) return "invalid_blocks";
  const ids = parsed.data.blocks.flatMap((block) =>
    block.type === "actions" ? block.elements.map((element) => element.action_id) : [],
  );
  if (new Set(ids).size < ids.length) return "invalid_blocks";
  if (parsed.data.text === "" && parsed.data.blocks.length === 0) return "no_text";
  return parsed.data;
}

/** A block's id: its own, or the one Slack gives it by position. */
export function blockId(message: MessageBody, index: number): string {
  return message.blocks[index]?.block_id ?? `block-${index}`;
}

/** The element `actionId` of type `type` and the block it is in. */
function findElement<T extends "button" | "static_select">(message: MessageBody, actionId: string, type: T) {
  for (const [index, block] of message.blocks.entries()) {
    if (block.type !== "actions") continue;
    const element = block.elements.find((item) => item.action_id === actionId && item.type === type);
    if (element) return { element: element as Extract<typeof element, { type: T }>, blockId: blockId(message, index) };
  }
  return undefined;
}

export function findButton(message: MessageBody, actionId: string) {
  return findElement(message, actionId, "button");
}

export function findSelect(message: MessageBody, actionId: string) {
  return findElement(message, actionId, "static_select");
}

/** What Slack's app shows: the sections one under another (or the text, without blocks), the button rows and the selects. */
export function display(message: MessageBody): { spans: Span[]; buttons: ChatButton[][]; selects?: ChatSelect[] } {
  const sections = message.blocks.flatMap((block) => (block.type === "section" ? [block.text] : []));
  const texts = sections.length > 0 ? sections : [{ type: "mrkdwn" as const, text: message.text }];
  const spans = texts.flatMap((text, index) => [
    ...(index > 0 ? [{ text: "\n" }] : []),
    ...(text.type === "mrkdwn" ? slackMrkdwn(text.text) : [{ text: text.text }]),
  ]);
  const elements = message.blocks.flatMap((block) => (block.type === "actions" ? [block.elements] : []));
  const buttons = elements
    .map((row) =>
      row.flatMap((element) =>
        element.type === "button" ? [{ id: element.action_id, label: element.text.text }] : [],
      ),
    )
    .filter((row) => row.length > 0);
  const selects = elements.flat().flatMap((element) =>
    element.type === "static_select"
      ? [
          {
            id: element.action_id,
            placeholder: element.placeholder?.text ?? "Select an item",
            options: element.options.map((option) => ({ value: option.value, label: option.text.text })),
          },
        ]
      : [],
  );
  return { spans, buttons, ...(selects.length ? { selects } : {}) };
}
