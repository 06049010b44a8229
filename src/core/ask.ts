/**
 * `/ask <question>`: a question in plain words, read as a plain message
 * would be, and the command it names runs. Where the platform delivers
 * only commands (Discord), this is how people talk to the bot in their own
 * words; it works the same everywhere. The router reads the question (see
 * `router.ts`); the intent has no handler of its own.
 */
import type { Intent } from "./intent.ts";

export const askIntent: Intent = {
  command: "ask",
  description: "Ask in your own words",
  args: [
    {
      name: "question",
      type: "string",
      rest: true,
      description: "What you would like, in your own words",
      ask: "What would you like to know?",
    },
  ],
};
