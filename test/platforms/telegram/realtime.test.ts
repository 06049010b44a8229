/**
 * Telegram in real time, through the Worker as deployed: the webhook is
 * answered at once, however long the handler then takes. The only Telegram
 * test that reads the clock; its margins are wide, so that a busy machine
 * cannot fail it.
 */
import { describe, expect, it } from "vitest";
import { BERLIN, GEOCODING_API, stubOpenMeteo } from "../../bots/concierge/apis.ts";
import { delayed, interceptFetch } from "../../support/outbound.ts";
import { messageUpdate, sentTexts, stubTelegramApi, TELEGRAM_API, telegramRequest } from "../../support/telegram.ts";
import { callDeployed } from "../../support/worker.ts";

/** How long the place search takes. */
const SEARCH_MS = 3_000;
/** Far longer than verifying and claiming a delivery takes, and far shorter than the search. */
const ANSWER_WITHIN_MS = 1_500;

describe("Telegram in real time", () => {
  it("has its answer at once while the handler waits for a slow outside API", { timeout: 20_000 }, async () => {
    const slowSearch = delayed(SEARCH_MS, () => Response.json({ results: [BERLIN] }));
    const outbound = stubOpenMeteo(stubTelegramApi(interceptFetch().on(`${GEOCODING_API}/search`, slowSearch)));
    const started = Date.now();
    const { response, settled } = await callDeployed(
      telegramRequest(messageUpdate({ text: "/weather Berlin", userId: 2_901 })),
    );
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(ANSWER_WITHIN_MS);
    expect(outbound.to(TELEGRAM_API)).toEqual([]);
    await settled;
    expect(Date.now() - started).toBeGreaterThanOrEqual(SEARCH_MS);
    expect(sentTexts(outbound)[0]).toContain("<b>Berlin, Germany</b>");
  });
});
