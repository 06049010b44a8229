/**
 * The local chat page in a real browser: the whole `npm run dev` stack
 * (stand-ins, emulated platforms, `wrangler dev`) on free ports with its own
 * state, driven in headless Chromium. On each platform: a command, a
 * question and its answer, and a button press, each a real signed delivery
 * to the Worker; a photo kept with /note and sent back by /notes on Telegram
 * and Discord; a Slack select and modal driven through the stand-in as the
 * bot would; tier 2 answered by the stack's scripted model; then a Cron
 * tick run from the page delivers a reminder, and `npm run chat` talks to the
 * same stack.
 * With PARLEY_SCREENSHOT=<file> it saves the page at the end, the file round
 * trips in view, and with PARLEY_MODAL_SCREENSHOT=<file> the page with
 * Slack's modal open (the README's docs/screenshot.png and docs/modal.png:
 * `npm run screenshot`).
 *
 *   npx node --test test/browser/chat.test.ts      (Node 22; the browser is found as test/browser/chromium.ts says)
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { crc32, deflateSync } from "node:zlib";
import type { BrowserContext, Locator, Page } from "playwright-core";
import type { PlatformName, Snapshot } from "../../scripts/local/protocol.ts";
import { type Stack, startStack } from "../../scripts/local/stack.ts";
import { launchChromium } from "./chromium.ts";

const run = promisify(execFile);
const state = mkdtempSync(join(tmpdir(), "parley-chat-"));
let stack: Stack | undefined;
let browser: BrowserContext | undefined;
let page: Page;
const pageErrors: string[] = [];

const chat = (platform: PlatformName): Locator => page.locator(`.chat[data-platform="${platform}"]`);

async function say(platform: PlatformName, text: string): Promise<void> {
  const input = chat(platform).locator(".composer input[name=text]");
  await input.fill(text);
  await input.press("Enter");
}

/** The bot's newest message containing `text`, once it is there. */
async function botSays(platform: PlatformName, text: string | RegExp): Promise<Locator> {
  const message = chat(platform).locator(".msg.from-bot", { hasText: text }).last();
  await message.waitFor();
  return message;
}

async function snapshot(): Promise<Snapshot> {
  return (await (await fetch(`${stack?.url}/dev/api/snapshot`)).json()) as Snapshot;
}

/** The body of the newest delivery to the Worker titled `title`, as sent. */
async function sentBody(title: string): Promise<unknown> {
  const entry = (await snapshot()).traffic.findLast(
    (candidate) => candidate.direction === "to-worker" && candidate.title === title,
  );
  assert.ok(entry, `a delivery titled "${title}"`);
  return JSON.parse(entry.request.body);
}

/** A small picture of a receipt, made here: a PNG of grey lines on white. */
function receiptPng(): Buffer {
  const width = 96;
  const height = 120;
  const rows = Array.from({ length: height }, (_, y) => {
    const line = y > 10 && y < 110 && y % 12 < 3;
    const row = Buffer.alloc(1 + width * 3, 0xff);
    row[0] = 0;
    if (line) for (let x = 12; x < width - 12; x++) row.fill(0x70, 1 + x * 3, 4 + x * 3);
    return row;
  });
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const RECEIPT = receiptPng();

/** Sends the receipt from the composer's file button, with `caption` typed as its words. */
async function sendReceipt(platform: PlatformName, caption: string): Promise<void> {
  await chat(platform).locator(".composer input[name=text]").fill(caption);
  await chat(platform)
    .locator(".composer input.file")
    .setInputFiles({ name: "receipt.png", mimeType: "image/png", buffer: RECEIPT });
}

/** The bytes the page shows in a message's picture. */
async function pictureBytes(message: Locator): Promise<Buffer> {
  const source = await message.locator(".file img").getAttribute("src");
  assert.ok(source, "the message shows a picture");
  return Buffer.from(await (await fetch(new URL(source, stack?.url))).arrayBuffer());
}

/** The interactivity payload of the newest Slack delivery titled `title`. */
async function slackPayload(title: string): Promise<Record<string, unknown>> {
  const entry = (await snapshot()).traffic.findLast(
    (candidate) => candidate.direction === "to-worker" && candidate.title === title,
  );
  assert.ok(entry, `a delivery titled "${title}"`);
  return JSON.parse(new URLSearchParams(entry.request.body).get("payload") ?? "{}");
}

/** Calls Slack's Web API on the stand-in as the bot would. */
async function asSlackBot(method: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${stack?.standIns}/slack/${method}`, {
    method: "POST",
    headers: { authorization: "Bearer xoxb-local-development-token", "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

const TIMES = [
  { text: { type: "plain_text", text: "Morning" }, value: "morning" },
  { text: { type: "plain_text", text: "Evening" }, value: "evening" },
];

/** A value for the page's datetime-local input: this machine's clock, which is the browser's. */
function localInput(at: number): string {
  return new Date(at - new Date(at).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

before(
  async () => {
    stack = await startStack({
      port: 0,
      standInsPort: 0,
      workerPort: 0,
      envFile: ".dev.vars.example",
      persistTo: join(state, "wrangler"),
      realApis: false,
      ...(process.env.PARLEY_VERBOSE ? { onWorkerLine: (line: string) => console.error(line) } : {}),
    });
    browser = await launchChromium(join(state, "chromium"), {
      viewport: { width: 1680, height: 940 },
      deviceScaleFactor: 1,
      timeout: 30_000,
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(30_000);
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(`${stack.url}/dev`);
  },
  { timeout: 120_000 },
);

after(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(state, { recursive: true, force: true });
});

test("the page's server passes the Worker's own routes through", { timeout: 30_000 }, async () => {
  assert.equal((await fetch(`${stack?.url}/healthz`)).status, 200);
  const unsigned = await fetch(`${stack?.url}/webhooks/slack/concierge`, { method: "POST", body: "{}" });
  assert.equal(unsigned.status, 401);
});

test("Telegram: a question, its answer, and a button", { timeout: 60_000 }, async () => {
  await say("telegram", "/weather");
  const question = await botSays("telegram", "Which city?");
  await question.locator(".asks-mark").waitFor();
  await page.locator(".stored", { hasText: "weather → city" }).waitFor();
  await say("telegram", "Berlin");
  const weather = await botSays("telegram", "Berlin, Land Berlin, Germany");
  await weather.getByRole("button", { name: "Refresh" }).click();
  await chat("telegram").locator(".msg.from-bot", { hasText: "Berlin, Land Berlin" }).nth(1).waitFor();
  await page.locator(".traffic .entry", { hasText: "button Refresh" }).filter({ hasText: "ok · weather" }).waitFor();
});

test("Discord: typed options, a form for the question, a button that edits", { timeout: 60_000 }, async () => {
  await say("discord", "/rate USD EUR 10");
  await botSays("discord", /10 USD = [\d.,]+ EUR/);
  const rate = await sentBody("command /rate USD EUR 10");
  assert.deepEqual((rate as { data: { options: unknown } }).data.options, [
    { name: "from", type: 3, value: "USD" },
    { name: "to", type: 3, value: "EUR" },
    { name: "amount", type: 10, value: 10 },
  ]);
  await say("discord", "/todo add");
  const form = chat("discord").locator(".form");
  await form.getByText("What should I add to your list?").waitFor();
  await form.locator("input").fill("buy milk");
  await form.getByRole("button", { name: "Submit" }).click();
  await botSays("discord", "Added buy milk as item 1.");
  await say("discord", "/todo list");
  const list = await botSays("discord", "Your to-do list (1 item)");
  await list.getByRole("button", { name: "✓ 1" }).click();
  await botSays("discord", "Done: buy milk. Your list is empty now.");
  assert.equal(await chat("discord").locator(".msg", { hasText: "Your to-do list" }).count(), 0, "edited in place");
});

test("Slack: a slash command that asks, the answer in the DM, and a button", { timeout: 60_000 }, async () => {
  await say("slack", "/concierge weather");
  await botSays("slack", "Which city?");
  await say("slack", "Tokyo");
  const weather = await botSays("slack", "Tokyo, Japan");
  await weather.getByRole("button", { name: "Refresh" }).click();
  await chat("slack").locator(".msg.from-bot", { hasText: "Tokyo, Japan" }).nth(1).waitFor();
  await say("slack", "rate gbp jpy");
  await botSays("slack", /1 GBP = [\d.,]+ JPY/);
});

test("Telegram: a photo captioned /note receipt is kept, and /notes 1 sends it back", { timeout: 60_000 }, async () => {
  await sendReceipt("telegram", "/note receipt");
  const sent = chat("telegram").locator(".msg.from-user", { hasText: "/note receipt" });
  assert.deepEqual(await pictureBytes(sent), RECEIPT, "Ada's photo shows in her message");
  await botSays("telegram", "Kept receipt as file 1.");
  const update = (await sentBody("photo receipt.png /note receipt")) as { message: Record<string, unknown> };
  assert.equal(update.message.caption, "/note receipt");
  assert.deepEqual(update.message.caption_entities, [{ type: "bot_command", offset: 0, length: 5 }]);
  await say("telegram", "/notes 1");
  const back = chat("telegram")
    .locator(".msg.from-bot", { has: page.locator(".file img") })
    .last();
  await back.waitFor();
  assert.match((await back.textContent()) ?? "", /receipt/);
  assert.deepEqual(await pictureBytes(back), RECEIPT, "the same bytes come back");
});

test("Discord: a file on /note's attachment option, and /notes 1 fills its thinking message in place", {
  timeout: 60_000,
}, async () => {
  await sendReceipt("discord", "/note receipt");
  await botSays("discord", "Kept receipt as file 1.");
  const command = (await sentBody("command /note receipt + receipt.png")) as {
    data: { options: { name: string; type: number; value: string }[]; resolved: { attachments: object } };
  };
  const file = command.data.options.find((option) => option.type === 11);
  assert.ok(file, "the file fills the attachment option");
  assert.ok(file.value in command.data.resolved.attachments, "and is described in resolved.attachments");
  const before = await chat("discord").locator(".msg.from-bot").count();
  await say("discord", "/notes 1");
  const back = chat("discord")
    .locator(".msg.from-bot", { has: page.locator(".file img") })
    .last();
  await back.waitFor();
  assert.deepEqual(await pictureBytes(back), RECEIPT);
  await page.locator(".traffic .entry", { hasText: "PATCH /webhooks/…/messages/@original" }).first().waitFor();
  assert.equal(await chat("discord").locator(".msg.from-bot").count(), before + 1, "one message, filled in place");
  assert.equal(await chat("discord").locator(".msg.thinking").count(), 0);
});

test("Slack: a static_select sends block_actions with the option picked, and a modal opened on its trigger submits view_submission", {
  timeout: 60_000,
}, async () => {
  // The bot's side, as recorded from Slack's documentation: a message with a select, then a modal.
  const select = {
    type: "static_select",
    action_id: "when",
    placeholder: { type: "plain_text", text: "When?" },
    options: TIMES,
  };
  const posted = await asSlackBot("chat.postMessage", {
    channel: "D0LOCAL01",
    text: "When should I remind you?",
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: "When should I remind you?" } },
      { type: "actions", block_id: "time", elements: [select] },
    ],
  });
  assert.equal(posted.ok, true);
  const message = await botSays("slack", "When should I remind you?");
  await message.getByRole("combobox", { name: "When?" }).selectOption("evening");
  await page.locator(".traffic .entry", { hasText: "picked Evening" }).waitFor();
  const picked = await slackPayload("picked Evening");
  assert.equal(picked.type, "block_actions");
  assert.deepEqual(picked.actions, [
    {
      block_id: "time",
      action_ts: (picked.actions as { action_ts: string }[])[0]?.action_ts,
      type: "static_select",
      action_id: "when",
      selected_option: TIMES[1],
      placeholder: select.placeholder,
    },
  ]);
  const opened = await asSlackBot("views.open", {
    trigger_id: picked.trigger_id,
    view: {
      type: "modal",
      callback_id: "remind",
      title: { type: "plain_text", text: "Remind me" },
      submit: { type: "plain_text", text: "Save" },
      blocks: [
        {
          type: "input",
          block_id: "what",
          label: { type: "plain_text", text: "What" },
          element: { type: "plain_text_input", action_id: "text" },
        },
        {
          type: "input",
          block_id: "at",
          label: { type: "plain_text", text: "When" },
          element: { ...select, placeholder: undefined },
        },
      ],
    },
  });
  assert.equal(opened.ok, true);
  const form = chat("slack").locator(".form");
  await form.getByText("Remind me").waitFor();
  await form.getByLabel("What").fill("stretch");
  await form.getByLabel("When").selectOption("morning");
  const modalShot = process.env.PARLEY_MODAL_SCREENSHOT;
  if (modalShot) await page.screenshot({ path: modalShot });
  await form.getByRole("button", { name: "Save" }).click();
  await page.locator(".traffic .entry", { hasText: "form stretch, morning" }).waitFor();
  const submitted = (await slackPayload("form stretch, morning")) as { type: string; view: Record<string, unknown> };
  assert.equal(submitted.type, "view_submission");
  assert.equal(submitted.view.callback_id, "remind");
  assert.deepEqual((submitted.view.state as { values: unknown }).values, {
    what: { text: { type: "plain_text_input", value: "stretch" } },
    at: { when: { type: "static_select", selected_option: TIMES[0] } },
  });
  assert.deepEqual(await asSlackBot("views.open", { trigger_id: picked.trigger_id, view: {} }), {
    ok: false,
    error: "invalid_trigger_id",
  });
});

test("tier 2: the scripted model answers what the router cannot place, and the traffic list says so", {
  timeout: 60_000,
}, async () => {
  await page.locator(".top .services", { hasText: "tier 2: a scripted stand-in, not a language model" }).waitFor();
  await say("telegram", "tell me a joke");
  await botSays("telegram", "Why did the webhook go to therapy? It had too many unresolved callbacks.");
  const delivery = page.locator(".traffic .entry", { hasText: "message tell me a joke" });
  await delivery.locator(".tier", { hasText: /^tier 2 · answered by .+ · \d+ \+ \d+ tokens · \d+ ms$/ }).waitFor();
  await page.locator(".traffic .entry .source.ai", { hasText: "ai" }).first().waitFor();
});

test("a Cron tick run from the page delivers a reminder", { timeout: 60_000 }, async () => {
  await say("telegram", "/remind in 1m stretch");
  await botSays("telegram", "I will remind you in 1 min: stretch");
  await page.locator(".stored", { hasText: "“stretch”" }).waitFor();
  await page.locator("form.tick input").fill(localInput(Date.now() + 2 * 60_000));
  await page.getByRole("button", { name: "Run the Cron tick" }).click();
  await botSays("telegram", "Reminder: stretch");
  await page.locator(".traffic .entry", { hasText: "1 reminder queued, 1 sent" }).waitFor();
  await page.locator(".stored", { hasText: "“stretch”" }).filter({ hasText: "(sent)" }).waitFor();
});

test("Discord: Remind me from a message's menu asks when, confirms, and a tick delivers the reminder quoting it", {
  timeout: 60_000,
}, async () => {
  await say("discord", "water the plants");
  const said = chat("discord").locator(".msg.from-user", { hasText: "water the plants" }).last();
  await said.locator(".message-menu summary").click();
  await said.getByRole("button", { name: "Remind me" }).click();
  const when = await botSays("discord", "When should I remind you of this message?");
  await when.getByRole("button", { name: "20 min" }).click();
  await botSays("discord", "I will remind you in 20 min: water the plants");
  await page.locator("form.tick input").fill(localInput(Date.now() + 21 * 60_000));
  await page.getByRole("button", { name: "Run the Cron tick" }).click();
  const reminder = await botSays("discord", /Reminder\s*“water the plants”/);
  assert.ok(await reminder.isVisible());
});

test("Slack: a workspace admin subscribes #general to the news, and a tick run from the page delivers it there", {
  timeout: 60_000,
}, async () => {
  const channels = chat("slack").locator(".chrome .channels");
  await channels.getByRole("button", { name: "# general" }).click();
  await channels.locator('[aria-pressed="true"]', { hasText: "# general" }).waitFor();
  await say("slack", "/concierge subscribe news 08:00 UTC");
  await botSays("slack", "This chat gets news every day at 08:00 (UTC), for everyone here.");
  const asked = (await snapshot()).traffic.findLast((entry) => entry.title.startsWith("GET /users.info"));
  assert.match(asked?.response?.body ?? "", /"is_admin":true/, "the rights come from users.info");
  const due = new Date();
  due.setUTCHours(8, 1, 0, 0);
  if (due.getTime() < Date.now()) due.setUTCDate(due.getUTCDate() + 1);
  await page.locator("form.tick input").fill(localInput(due.getTime()));
  await page.getByRole("button", { name: "Run the Cron tick" }).click();
  await botSays("slack", "Your news digest");
  const posted = (await snapshot()).traffic.findLast((entry) => entry.title.includes("chat.postMessage"));
  assert.match(posted?.response?.body ?? "", /"channel":"C0LOCAL01"/);
  await channels.getByRole("button", { name: "Concierge" }).click();
  await channels.locator('[aria-pressed="true"]', { hasText: "Concierge" }).waitFor();
  assert.equal(await chat("slack").locator(".msg", { hasText: "Your news digest" }).count(), 0, "in #general only");
});

test("Slack: the app installed in a second workspace through OAuth answers there with that workspace's token", {
  timeout: 60_000,
}, async () => {
  const [consent] = await Promise.all([
    browser?.waitForEvent("page") ?? Promise.reject(new Error("no browser")),
    chat("slack").getByRole("link", { name: "Install the app in Second workspace" }).click(),
  ]);
  await consent.getByRole("link", { name: "Allow" }).click();
  await consent.getByText("concierge is installed in Second workspace.").waitFor();
  await consent.close();
  const messages = chat("slack").locator(".msg");
  const before = await messages.count();
  await chat("slack").getByRole("button", { name: "Second workspace" }).click();
  await chat("slack").locator('.rail [aria-pressed="true"]', { hasText: "S" }).waitFor();
  assert.equal(await messages.count(), 0, "a conversation of its own");
  await say("slack", "weather Madrid");
  await botSays("slack", "Madrid, Spain");
  const traffic = (await snapshot()).traffic;
  const delivery = traffic.findLast((entry) => entry.title === "message weather Madrid");
  assert.equal(JSON.parse(delivery?.request.body ?? "{}").team_id, "T0LOCAL02");
  const posted = traffic.findLast(
    (entry) => entry.direction === "from-worker" && entry.title.includes("chat.postMessage"),
  );
  assert.equal(posted?.request.headers.authorization, "Bearer [SLACK_BOT_TOKEN of T0LOCAL02]");
  assert.match(posted?.response?.body ?? "", /"channel":"D0LOCAL02"/);
  await chat("slack").getByRole("button", { name: "Parley" }).click();
  await chat("slack").locator('.rail [aria-pressed="true"]', { hasText: "P" }).waitFor();
  assert.equal(await messages.count(), before, "the first workspace's conversation is back");
  assert.equal(await messages.filter({ hasText: "Madrid" }).count(), 0);
});

test("the chat command-line talks to the same stack, and the page shows it", { timeout: 30_000 }, async () => {
  // Not spawnSync: the stack runs in this process and must keep answering.
  const { stdout } = await run(
    process.execPath,
    ["scripts/chat.ts", "--url", stack?.url ?? "", "--platform", "slack", "weather Paris"],
    { timeout: 30_000 },
  );
  assert.match(stdout, /^bot: Paris, Île-de-France, France$/m);
  assert.match(stdout, /\[#1 Refresh\]/);
  await botSays("slack", "Paris, Île-de-France, France");
  // A message action from the terminal, on the newest Discord message.
  const action = await run(
    process.execPath,
    ["scripts/chat.ts", "--url", stack?.url ?? "", "--platform", "discord", "!action 1 Remind me"],
    { timeout: 30_000 },
  );
  assert.match(action.stdout, /^bot \(only you see this\): When should I remind you of this message\?$/m);
  assert.match(action.stdout, /\[#1 20 min\]/);
  // The receipt kept on Telegram above, printed as its name, size and URL, whose bytes are the photo's.
  const notes = await run(process.execPath, ["scripts/chat.ts", "--url", stack?.url ?? "", "/notes 1"], {
    timeout: 30_000,
  });
  const url = /^ {2}\[file\] receipt\.png \(\d+(?:\.\d)? (?:B|KB)\) (\S+)$/m.exec(notes.stdout)?.[1];
  assert.ok(url, notes.stdout);
  assert.deepEqual(Buffer.from(await (await fetch(url)).arrayBuffer()), RECEIPT);
});

test("the page ran without errors", { timeout: 30_000 }, async () => {
  assert.deepEqual(pageErrors, []);
  const screenshot = process.env.PARLEY_SCREENSHOT;
  if (screenshot) {
    // The file round trips in view, and one delivery opened, to show what the Worker was sent.
    for (const platform of ["telegram", "discord"] as const) {
      await chat(platform)
        .locator(".msg.from-bot", { has: page.locator(".file img") })
        .last()
        .scrollIntoViewIfNeeded();
    }
    await page.locator(".traffic summary", { hasText: "photo receipt.png /note receipt" }).click();
    await page.screenshot({ path: screenshot });
  }
});
