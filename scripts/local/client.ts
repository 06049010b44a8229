/**
 * A client of the local stack's page API, for the chat command-line: the
 * same actions and snapshots the page uses, so the terminal and the page
 * show one conversation, and deliveries are built in one place only.
 */
import type { Action, ActionResult, Snapshot } from "./protocol.ts";

/** The dev server is ours; its JSON is a snapshot by construction. */
function parseSnapshot(text: string): Snapshot {
  return JSON.parse(text) as Snapshot;
}

export class StackClient {
  readonly url: string;

  constructor(url: string) {
    this.url = url;
  }

  /** Whether a local stack answers at the URL. */
  async serving(): Promise<boolean> {
    try {
      return (await fetch(`${this.url}/dev/api/snapshot`, { signal: AbortSignal.timeout(1000) })).ok;
    } catch {
      return false;
    }
  }

  async snapshot(): Promise<Snapshot> {
    return parseSnapshot(await (await fetch(`${this.url}/dev/api/snapshot`)).text());
  }

  async act(action: Action): Promise<ActionResult> {
    const response = await fetch(`${this.url}/dev/api/action`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(action),
    });
    return (await response.json()) as ActionResult;
  }

  /** Hands every snapshot (one at once, then one per change) to `listener`, until the returned function is called. */
  watch(listener: (snapshot: Snapshot) => void): () => void {
    const controller = new AbortController();
    void (async () => {
      const response = await fetch(`${this.url}/dev/api/events`, { signal: controller.signal });
      if (!response.body) return;
      let buffer = "";
      for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
        buffer += chunk;
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = event
            .split("\n")
            .filter((line) => line.startsWith("data: "))
            .map((line) => line.slice(6))
            .join("\n");
          if (data) listener(parseSnapshot(data));
        }
      }
    })().catch((error: unknown) => {
      if (!controller.signal.aborted) throw error;
    });
    return () => controller.abort();
  }
}
