/** Discord `/help` with discord-hono: it verifies (with `DISCORD_PUBLIC_KEY`), the command claims in D1 and answers with `c.res`. */
import { DiscordHono } from "discord-hono";
import { claim, HELP, isWebhook, notFound, type PeerEnv, repeat } from "./claim.ts";

const app = new DiscordHono<{ Bindings: PeerEnv }>().command("help", async (c) => {
  if (!(await claim(c.env.DB, "discord", c.interaction.id))) return repeat();
  return c.res(HELP);
});

export default {
  fetch(request, env, ctx) {
    if (!isWebhook(request, "discord")) return notFound();
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<PeerEnv>;
