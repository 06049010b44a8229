/**
 * The traffic list: every request between the Worker and the outside world,
 * with its answer and when it was done. A delivery is done when the
 * Worker's log line says it was handled (its answer alone comes earlier); a
 * Cron tick when the queue has sent what the tick queued. Secret values are
 * masked as `[NAME]` wherever a request or answer holds them.
 */
import type { Exchange, TrafficEntry } from "./protocol.ts";

const MAX_ENTRIES = 60;
/**
 * A delivery the Worker answers by itself (a Discord form opened from a
 * button) writes no log line; it counts as done once this long has passed
 * after its answer without one.
 */
const UNLOGGED_DONE_MS = 4000;
/**
 * A Cron tick is done when the queue has sent what it queued; jobs the
 * consumer drops unlogged (an unsubscribed digest) would keep it waiting,
 * so it is done this long after the tick at the latest.
 */
const TICK_DONE_MS = 5000;

/** Which kind of request an entry is, which says when it is done. */
export type Completion =
  /** Done with its answer: a call the Worker made. */
  | "answer"
  /** Done when the Worker logs its handling: a delivery. */
  | "delivery"
  /** Done when the queue has sent what the tick queued. */
  | "tick";

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** "tier 2 · answered by @cf/meta/llama-3.3-70b-instruct-fp8-fast · 812 + 21 tokens · 840 ms", from a delivery's log line. */
function tierTwo(line: Readonly<Record<string, unknown>>): string {
  return [
    "tier 2",
    `${String(line.aiOutcome)} by ${String(line.model)}`,
    `${String(line.tokensIn)} + ${String(line.tokensOut)} tokens`,
    `${String(line.aiMs)} ms`,
  ].join(" · ");
}

export class Traffic {
  private readonly secrets: readonly (readonly [string, string])[];
  private readonly changed: () => void;
  private list: TrafficEntry[] = [];
  /** `platform:eventId` of each delivery, to find it again from the Worker's log line. */
  private readonly deliveries = new Map<string, string>();
  /** The last Cron tick: how many messages it queued, and how many the queue has sent since. */
  private tick: { readonly id: string; readonly queued: number; sent: number; readonly text: string } | undefined;
  private nextId = 1;
  private changes = 0;

  /** `secrets` are values by name; `changed` hears of every change. */
  constructor(secrets: Readonly<Record<string, string>>, changed: () => void) {
    this.changed = changed;
    // One name per value (the shortest: the unprefixed bot's), longest values first, so that
    // a secret inside another one does not spoil its mask.
    const names = new Map<string, string>();
    for (const [name, value] of Object.entries(secrets)) {
      const known = names.get(value);
      if (value.length >= 6 && (known === undefined || name.length < known.length)) names.set(value, name);
    }
    this.secrets = [...names]
      .map(([value, name]) => [name, value] as const)
      .sort(([, a], [, b]) => b.length - a.length);
  }

  /** Oldest first. */
  get entries(): readonly TrafficEntry[] {
    return this.list;
  }

  /** Counts changes, so that a reader can tell whether anything happened since it last looked. */
  get version(): number {
    return this.changes;
  }

  private redact(text: string): string {
    return this.secrets.reduce((result, [name, value]) => result.replaceAll(value, `[${name}]`), text);
  }

  /** Records a request as it starts; `eventKey` (`platform:eventId`) ties a delivery to the Worker's log line. */
  start(entry: {
    direction: TrafficEntry["direction"];
    source: string;
    title: string;
    request: Exchange;
    eventKey?: string;
  }): string {
    const id = `t${this.nextId++}`;
    const { eventKey, request, title, ...fields } = entry;
    const redacted = {
      method: request.method,
      url: this.redact(request.url),
      headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, this.redact(value)])),
      body: this.redact(request.body),
    };
    const added = { ...fields, title: this.redact(title), request: redacted, id, at: Date.now(), done: false };
    this.list = [...this.list, added].slice(-MAX_ENTRIES);
    if (eventKey) this.deliveries.set(eventKey, id);
    // Deliveries that fell off the list are no longer looked for.
    const kept = new Set(this.list.map((item) => item.id));
    for (const [key, entryId] of this.deliveries) if (!kept.has(entryId)) this.deliveries.delete(key);
    this.changes++;
    this.changed();
    return id;
  }

  entry(id: string): TrafficEntry | undefined {
    return this.list.find((entry) => entry.id === id);
  }

  private update(id: string, changes: Partial<TrafficEntry>): void {
    this.list = this.list.map((entry) => (entry.id === id ? { ...entry, ...changes } : entry));
    this.changes++;
    this.changed();
  }

  /** Records the answer; the entry is done now, or when the Worker's log says so (see `Completion`). */
  finish(id: string, response: NonNullable<TrafficEntry["response"]>, completion: Completion): void {
    const refused = response.status < 200 || response.status > 299;
    // The log line may come first: the Worker can finish before its answer is read here.
    const done = this.entry(id)?.done === true || completion === "answer" || refused;
    this.update(id, { response: { ...response, body: this.redact(response.body) }, done });
    if (!done && completion === "delivery") this.doneLater(id, UNLOGGED_DONE_MS);
  }

  private doneLater(id: string, ms: number): void {
    setTimeout(() => {
      if (this.entry(id)?.done === false) this.update(id, { done: true });
    }, ms).unref();
  }

  /** Reads one JSON log line of the Worker: a delivery's outcome, a tick's count, a scheduled send. */
  workerLog(line: Readonly<Record<string, unknown>>): void {
    if (line.event === "delivery" && typeof line.eventId === "string") {
      const id = this.deliveries.get(`${String(line.platform)}:${line.eventId}`);
      const outcome = [line.outcome, line.intent, typeof line.ms === "number" ? `${line.ms} ms` : undefined];
      // A model's part shows whenever one was asked; how the words were understood, whoever understood them.
      const tier = typeof line.model === "string" ? tierTwo(line) : undefined;
      const understood =
        typeof line.tier === "number" && typeof line.confidence === "number"
          ? `tier ${line.tier} · ${line.confidence.toFixed(2)} · ${String(line.reading ?? "-")}`
          : undefined;
      const text = outcome.filter((part) => part !== undefined).join(" · ");
      if (id)
        this.update(id, {
          outcome: text,
          ...(tier ? { tier } : {}),
          ...(understood ? { understood } : {}),
          done: true,
        });
    } else if (line.event === "tick") {
      const tick = this.list.findLast((entry) => entry.source === "cron");
      if (!tick) return;
      const queued = Number(line.digests) + Number(line.reminders);
      const text = `${count(Number(line.digests), "digest")} and ${count(Number(line.reminders), "reminder")} queued`;
      this.tick = { id: tick.id, queued, sent: 0, text };
      this.update(tick.id, { outcome: text, done: queued === 0 });
      this.doneLater(tick.id, TICK_DONE_MS);
    } else if ((line.event === "scheduled_sent" || line.event === "scheduled_paused") && this.tick) {
      const tick = this.tick;
      tick.sent++;
      this.update(tick.id, { outcome: `${tick.text}, ${tick.sent} sent`, done: tick.sent >= tick.queued });
    }
  }
}
