/** The Worker's entry: wiring only. */
import { bots } from "../bots/index.ts";
import { createApp } from "./app.ts";
import type { Env } from "./env.ts";
import { platforms } from "./platforms/index.ts";

const app = createApp({ bots, platforms });

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
