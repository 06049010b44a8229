/**
 * Slack messages as the bot posts them, held to Slack's limits for the
 * blocks Parley sends (mrkdwn or plain sections, and actions of buttons),
 * and read into what Slack's app shows.
 */
import { z } from "zod";
import { slackMrkdwn } from "../markup.ts";
import type { ChatButton, Span } from "../protocol.ts";

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

const Actions = z.object({
  type: z.literal("actions"),
  block_id: z.string().optional(),
  elements: z.array(ButtonElement).min(1).max(25),
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

/** The button `actionId` and the block it is in. */
export function findButton(message: MessageBody, actionId: string) {
  for (const [index, block] of message.blocks.entries()) {
    const element = block.type === "actions" ? block.elements.find((item) => item.action_id === actionId) : undefined;
    if (element) return { element, blockId: blockId(message, index) };
  }
  return undefined;
}

/** What Slack's app shows: the sections one under another (or the text, without blocks), and the button rows. */
export function display(message: MessageBody): { spans: Span[]; buttons: ChatButton[][] } {
  const sections = message.blocks.flatMap((block) => (block.type === "section" ? [block.text] : []));
  const texts = sections.length > 0 ? sections : [{ type: "mrkdwn" as const, text: message.text }];
  const spans = texts.flatMap((text, index) => [
    ...(index > 0 ? [{ text: "\n" }] : []),
    ...(text.type === "mrkdwn" ? slackMrkdwn(text.text) : [{ text: text.text }]),
  ]);
  const buttons = message.blocks.flatMap((block) =>
    block.type === "actions"
      ? [block.elements.map((element) => ({ id: element.action_id, label: element.text.text }))]
      : [],
  );
  return { spans, buttons };
}
