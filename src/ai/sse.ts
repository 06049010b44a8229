/**
 * Server-sent events as models stream them (`text/event-stream`): events
 * separated by a blank line, each one `data:` line (or several, joined with
 * a newline) of JSON, and `data: [DONE]` at the end. Comments (`:`) and
 * other fields are skipped.
 */

/** The data of each event in `body`, in order, up to `[DONE]` or the end. */
export async function* eventData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = "";
  let data: string[] = [];
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      const lines = buffer.split(/\r\n|\r|\n/);
      // The last piece may be the start of a line still arriving.
      buffer = done ? "" : (lines.pop() ?? "");
      for (const line of done ? [...lines, ""] : lines) {
        if (line === "") {
          if (data.length > 0) {
            const event = data.join("\n");
            data = [];
            if (event === "[DONE]") return;
            yield event;
          }
        } else if (line.startsWith("data:")) {
          data.push(line.slice(line.startsWith("data: ") ? 6 : 5));
        }
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
    await body.cancel().catch(() => {});
  }
}
