/**
 * The reactions `ctx.react` takes: emoji that Telegram allows as a bot's
 * reaction and that Discord and Slack have too, each with its Slack name
 * (Slack reacts by name, the others by the emoji itself).
 */
export const REACTIONS = {
  "👍": "+1",
  "👎": "-1",
  "❤": "heart",
  "🔥": "fire",
  "👏": "clap",
  "😁": "grin",
  "🤔": "thinking_face",
  "🎉": "tada",
  "😢": "cry",
  "🙏": "pray",
  "👌": "ok_hand",
  "💯": "100",
  "👀": "eyes",
  "🤝": "handshake",
  "✍": "writing_hand",
  "😱": "scream",
} as const;

/** An emoji every platform takes as a reaction. */
export type Reaction = keyof typeof REACTIONS;
