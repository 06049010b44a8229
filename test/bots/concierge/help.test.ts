import { describe, expect, it } from "vitest";
import { interceptFetch } from "../../support/outbound.ts";
import { sendTelegram, sentTexts, stubTelegramApi } from "../../support/telegram.ts";

describe("/help", () => {
  it("lists every command of the example bot, in order, one line each", async () => {
    const outbound = stubTelegramApi(interceptFetch());
    await sendTelegram({ text: "/help", userId: 2501 });
    const lines = sentTexts(outbound)[0]?.split("\n");
    expect(lines?.slice(1).map((line) => line.split(" — ")[0])).toEqual([
      "/start",
      "/help",
      "/weather &lt;city&gt;",
      "/rate &lt;from&gt; &lt;to&gt; [amount]",
      "/news [count]",
      "/todo add &lt;text&gt;",
      "/todo list [page]",
      "/todo done &lt;n&gt;",
      "/note &lt;title&gt; &lt;file&gt;",
      "/notes [n]",
      "/subscribe &lt;digest&gt; [its args…] &lt;time&gt; [zone] [rhythm]",
      "/subscriptions",
      "/unsubscribe &lt;digest&gt;",
      "/remind in &lt;delay&gt; &lt;text&gt;",
      "/remind at &lt;time&gt; &lt;text&gt;",
      "/remind message",
      "/language [code]",
      "/ask &lt;question&gt;",
      "/forget [confirm]",
    ]);
  });
});
