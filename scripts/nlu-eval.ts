/**
 * Measures offline understanding on the labelled messages in test/nlu/fixtures:
 * intent and slot accuracy per language and split, a confusion table, the
 * one-off training cost and the CPU time per message.
 *
 *   npm run nlu:eval -- [--failures] [--repeat 200]
 */
import { parseArgs } from "node:util";
import { trainMatcher } from "../src/nlu/index.ts";
import type { Matcher } from "../src/nlu/types.ts";
import { conciergeUnderstandables } from "../test/nlu/concierge.ts";
import { type Outcome, type Score, score, targetName } from "../test/nlu/evaluate.ts";
import { SPLITS } from "../test/nlu/fixtures/index.ts";

const { values } = parseArgs({
  options: {
    failures: { type: "boolean", default: false },
    repeat: { type: "string", default: "200" },
  },
});
const repeat = Number(values.repeat);

function cpuMicros(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const spent = process.cpuUsage(before);
  return spent.user + spent.system;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** Training cost: the first run in a fresh process is what an isolate pays; later runs show the warm cost. */
const coldTraining = cpuMicros(() => trainMatcher(conciergeUnderstandables)) / 1000;
let matcher: Matcher = trainMatcher(conciergeUnderstandables);
const warm: number[] = [];
for (let i = 0; i < 20; i++) warm.push(cpuMicros(() => (matcher = trainMatcher(conciergeUnderstandables))) / 1000);
warm.sort((a, b) => a - b);

const scores: { split: (typeof SPLITS)[number]; score: Score }[] = SPLITS.map((split) => ({
  split,
  score: score(matcher, split.messages, conciergeUnderstandables),
}));

console.log("Offline understanding (tier 1) on the concierge's labelled messages\n");
console.log("| split | lang | messages | in scope | intent accuracy | slot accuracy | run rate | wrong runs |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const { split, score: s } of scores) {
  console.log(
    `| ${split.name} | ${split.locale} | ${s.messages} | ${s.inScope} | ${percent(s.intentAccuracy)} | ${percent(s.slotAccuracy)} | ${percent(s.runRate)} | ${s.wrongRuns} |`,
  );
}
console.log(
  "\nintent accuracy: right intent (confidence ≥ ask threshold) for in-scope messages, not understood for out-of-scope ones;" +
    "\nslot accuracy: right intent and exactly the expected arguments, over in-scope messages;" +
    "\nrun rate: in-scope messages read right with confidence ≥ run threshold; wrong runs: would run with a wrong reading.",
);

const outcomes: Outcome[] = scores.flatMap((entry) => [...entry.score.outcomes]);
const predicted = (outcome: Outcome) =>
  outcome.top && outcome.top.confidence >= 0.45 ? targetName(outcome.top) : "none";
const labels = [...new Set(outcomes.map((outcome) => targetName(outcome.message.expected ?? undefined)))].sort();
console.log("\nConfusion (all splits; rows expected, columns read; only cells off the diagonal):\n");
const confusion = new Map<string, number>();
for (const outcome of outcomes) {
  const want = targetName(outcome.message.expected ?? undefined);
  const got = predicted(outcome);
  if (want !== got) confusion.set(`${want} → ${got}`, (confusion.get(`${want} → ${got}`) ?? 0) + 1);
}
for (const label of labels) {
  const right = outcomes.filter(
    (outcome) => targetName(outcome.message.expected ?? undefined) === label && predicted(outcome) === label,
  ).length;
  const all = outcomes.filter((outcome) => targetName(outcome.message.expected ?? undefined) === label).length;
  const wrong = [...confusion].filter(([pair]) => pair.startsWith(`${label} → `));
  const misses = wrong.map(([pair, count]) => `${pair.slice(label.length + 3)} ×${count}`).join(", ");
  console.log(`${label.padEnd(14)} ${String(right).padStart(3)}/${String(all).padEnd(3)} ${misses}`);
}

const texts = SPLITS.flatMap((split) => split.messages.map((message) => message));
const perMessage = texts.map((message) => {
  const micros = cpuMicros(() => {
    for (let i = 0; i < repeat; i++) matcher.understand(message.text, message.locale);
  });
  return micros / repeat / 1000;
});
const sorted = [...perMessage].sort((a, b) => a - b);
const average = (values: readonly number[]) =>
  values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
const mean = average(perMessage);
const byLanguage = ["en", "de"].map((locale) => {
  const costs = perMessage.filter((_, index) => texts[index]?.locale === locale);
  return `${locale} ${average(costs).toFixed(3)} ms`;
});
const long = "please remind me ".repeat(250);
const longCost = cpuMicros(() => {
  for (let i = 0; i < repeat; i++) matcher.understand(long, "en");
});

console.log(`\nCPU per message (${texts.length} messages × ${repeat} runs, process.cpuUsage):`);
console.log(
  `  mean ${mean.toFixed(3)} ms (${byLanguage.join(", ")}), p95 ${percentile(sorted, 0.95).toFixed(3)} ms, max ${sorted.at(-1)?.toFixed(3)} ms`,
);
console.log(`  a ${long.length}-character message: ${(longCost / repeat / 1000).toFixed(3)} ms`);
console.log(
  `Training (once per isolate): first ${coldTraining.toFixed(1)} ms, warm median ${percentile(warm, 0.5).toFixed(1)} ms`,
);

if (values.failures) {
  console.log("\nMisread messages:");
  for (const { split, score: s } of scores) {
    for (const outcome of s.outcomes.filter((o) => !(o.message.expected ? o.slotsRight : o.intentRight))) {
      const top = outcome.top;
      console.log(
        `[${split.name} ${split.locale}] ${JSON.stringify(outcome.message.text)}\n    want ${targetName(outcome.message.expected ?? undefined)} ${JSON.stringify(outcome.message.expected?.args ?? {})}\n    got  ${top ? `${targetName(top)} ${JSON.stringify(top.args)} ${top.confidence}` : "nothing"}`,
      );
    }
  }
}
