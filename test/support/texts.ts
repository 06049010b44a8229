/** What the platforms add to a reply, in English: the renderers' tests read these. */
import { concierge } from "../../bots/concierge/index.ts";
import { replyTexts } from "../../src/core/i18n.ts";

export const ENGLISH = replyTexts(concierge, "en");
