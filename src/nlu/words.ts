/**
 * Words that carry no request of their own, in folded form (see text.ts).
 * A message is not the worse for having them, and a free-text slot does not
 * start or end with them.
 */

/** Politeness and chatter: "please", "hey", "bitte", "mal". */
export const FILLERS: ReadonlySet<string> = new Set([
  "please",
  "pls",
  "plz",
  "kindly",
  "ok",
  "okay",
  "so",
  "well",
  "just",
  "quickly",
  "thanks",
  "thank",
  "thx",
  "bitte",
  "danke",
  "mal",
  "doch",
  "eben",
  "gerne",
  "gern",
  "kurz",
  "bot",
  "concierge",
]);

/** Short function words and greetings of both languages. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  ..."hey hi hello hallo moin servus".split(" "),
  ..."id ive ill dont cant wont lets thats".split(" "),
  ..."a an the of to in on at for from with and or is are it its me my i you your we us do does can could would will be this that there what whats how which some any now today right currently".split(
    " ",
  ),
  ..."der die das den dem des ein eine einen einem einer und oder ist sind es ich mir mich du dir mein meine meinen meiner meinem in im an am auf aus bei mit von vom zu zum zur fur um was wie wo welche welcher noch schon jetzt heute gerade denn".split(
    " ",
  ),
]);

const SUFFIXES = ["ungen", "ing", "ung", "ers", "ed", "en", "er", "es", "e", "s", "n"];

/**
 * A light stem shared by both languages, so "reminders", "reminding" and
 * "remind", or "Nachrichten" and "Nachricht", match. Consistency matters
 * more than linguistics: templates and messages go through the same cut.
 */
export function stem(norm: string): string {
  for (const suffix of SUFFIXES) {
    if (norm.endsWith(suffix) && norm.length - suffix.length >= 4) return norm.slice(0, -suffix.length);
  }
  return norm;
}
