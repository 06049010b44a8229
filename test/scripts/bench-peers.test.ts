/**
 * The benchmark's peer Workers do the work they are measured for: each
 * answers a signed delivery with one reply, claims it so that a second copy
 * gets none, and refuses a delivery whose signature is wrong without
 * claiming it. A peer that skipped any of that would look faster than it is.
 * Each runs under `wrangler dev` with its APIs on the benchmark's stub.
 *
 *   npx node --test test/scripts/bench-peers.test.ts      (Node 22)
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { claimedDeliveries } from "../../scripts/bench/claims.ts";
import { CONTENDERS, contenderConfig, type Route } from "../../scripts/bench/contenders.ts";
import {
  BENCH_SECRETS,
  type Delivery,
  type DiscordKeys,
  discordHelp,
  discordKeys,
  slackMention,
  telegramMessage,
} from "../../scripts/bench/deliveries.ts";
import { type Stub, startStub, stubSettings } from "../../scripts/bench/stub.ts";
import { buildWorker, type RunningWorker, startWorker } from "../../scripts/bench/worker.ts";

let stub: Stub;
let keys: DiscordKeys;
const dir = mkdtempSync(join(tmpdir(), "parley-peers-"));

before(async () => {
  stub = await startStub();
  keys = await discordKeys();
});

after(async () => {
  await stub.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Deliveries numbered from here on, so that no two in this file share an id. */
let next = 1;

async function delivery(route: Route): Promise<Delivery> {
  const index = next++;
  if (route === "telegram") return telegramMessage(index, 5000 + index, "/help");
  return route === "discord" ? discordHelp(keys, index) : slackMention(index);
}

/** The same delivery with its signature (Telegram: its secret) spoilt. */
function forged(original: Delivery): Delivery {
  const headers = { ...original.headers };
  if (headers["X-Telegram-Bot-Api-Secret-Token"]) headers["X-Telegram-Bot-Api-Secret-Token"] = "not-the-secret";
  if (headers["X-Signature-Ed25519"]) headers["X-Signature-Ed25519"] = "00".repeat(64);
  if (headers["X-Slack-Signature"]) headers["X-Slack-Signature"] = `v0=${"00".repeat(32)}`;
  return { ...original, headers };
}

async function post(worker: RunningWorker, sent: Delivery): Promise<{ status: number; body: string }> {
  const response = await fetch(`${worker.url}${sent.path}`, {
    method: "POST",
    headers: sent.headers,
    body: sent.body,
  });
  return { status: response.status, body: await response.text() };
}

/** Replies the stub has received on the route (Discord's come in the response instead). */
const SENT: Record<Route, string> = {
  telegram: "telegram:sendMessage",
  discord: "discord:webhooks",
  slack: "slack:chat.postMessage",
};

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Waits (up to 10 s) for the stub to have received `count` replies on the
 * route, then half a second more for any further one, and returns how many
 * it has.
 */
async function repliesReaching(route: Route, count: number): Promise<number> {
  const sent = () => stub.counts.calls.get(SENT[route]) ?? 0;
  for (let waited = 0; sent() < count && waited < 10_000; waited += 100) await pause(100);
  await pause(500);
  return sent();
}

const peers = CONTENDERS.filter((contender) => contender.kind === "minimal" || contender.kind === "peer");

for (const peer of peers) {
  test(`${peer.name} (${peer.module}) replies once to each delivery and refuses a forged one`, {
    timeout: 120_000,
  }, async () => {
    const vars = { ...stubSettings(stub.url), ...BENCH_SECRETS, DISCORD_PUBLIC_KEY: keys.publicKeyHex };
    const worker = await startWorker({ config: buildWorker(contenderConfig(peer.module ?? "", dir, true)), vars });
    try {
      for (const route of peer.routes) {
        stub.reset();
        const first = await delivery(route);
        const answer = await post(worker, first);
        assert.ok(answer.status < 300, `${route}: ${answer.status} ${answer.body}`);
        const inResponse = route === "discord" && JSON.parse(answer.body).type === 4 ? 1 : 0;
        assert.equal(inResponse + (await repliesReaching(route, 1 - inResponse)), 1, `${route}: one reply`);

        const again = await post(worker, first);
        assert.ok(again.status < 300, `${route}: a repeat is acknowledged (${again.status})`);
        assert.ok(!again.body.includes('"type":4'), `${route}: a repeat gets no answer`);
        // A fresh delivery after the repeat: once its reply is in, a reply to the repeat would be too.
        const second = await delivery(route);
        const secondAnswer = await post(worker, second);
        const secondInResponse = route === "discord" && JSON.parse(secondAnswer.body).type === 4 ? 1 : 0;
        assert.equal(
          inResponse + secondInResponse + (await repliesReaching(route, 2 - inResponse - secondInResponse)),
          2,
          `${route}: the repeat got no reply`,
        );

        const claimedBefore = claimedDeliveries(worker.persistTo);
        const refused = await post(worker, forged(await delivery(route)));
        assert.ok(refused.status === 401 || refused.status === 403, `${route}: forged answered ${refused.status}`);
        assert.equal(claimedDeliveries(worker.persistTo), claimedBefore, `${route}: a forged delivery claims nothing`);
      }
    } finally {
      await worker.stop();
    }
  });
}
