/**
 * Prints the Slack app manifest of a bot (JSON), made from its intent
 * definitions, for "Create New App → From a manifest" at api.slack.com/apps.
 *
 *   npm run slack:manifest -- --url https://parley.example.workers.dev [--bot concierge]
 */
import { slackManifest } from "../src/platforms/slack/manifest.ts";
import { fail, findBot, parseArgs } from "./cli.ts";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    bot: { type: "string", default: "concierge" },
  },
});

if (!values.url) fail("Pass the Worker's public URL: --url https://parley.example.workers.dev");
if (!URL.canParse(values.url) || !values.url.startsWith("https://")) {
  fail(`Slack only calls https URLs; "${values.url}" is not one.`);
}

console.log(JSON.stringify(slackManifest(findBot(values.bot), values.url), null, 2));
