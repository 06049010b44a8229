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
  "cheers",
  "anyway",
  "maybe",
  "actually",
  "mate",
  "vielleicht",
  "eigentlich",
  "schnell",
  "ma",
  // The framing of a long polite request: "I was wondering if you could possibly …, thanks so much".
  "wondering",
  "wonder",
  "if",
  "possibly",
  "wollte",
  "fragen",
  "ob",
  "perhaps",
  "sorry",
  "bother",
  "trouble",
  "kind",
  "much",
  "many",
  "appreciated",
  "freundlicherweise",
  "entschuldige",
  "entschuldigung",
  "storung",
  "vielen",
  "dank",
  "lieben",
  "bitteschon",
]);

/** Short function words and greetings of both languages. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  "hi",
  ..."id ive ill dont cant wont lets thats".split(" "),
  ..."a an the of to in on at for from with and or is are it its me my i you your we us do does can could would will be this that there what whats how which some any now today right currently still then else anything everything nothing".split(
    " ",
  ),
  ..."der die das den dem des ein eine einen einem einer und oder ist sind es ich mir mich du dich dir mein meine meinen meiner meinem in im an am auf aus bei mit von vom zu zum zur fur um was wie wo welche welcher noch schon jetzt heute gerade denn viel viele sonst alles nichts".split(
    " ",
  ),
]);

/**
 * Chat spellings and short forms, read as the words they stand for, in
 * folded form: "u" is "you", "rn" is "right now", "nen" is "einen", "füg" is
 * "füge". Every greeting reads as "hi", so a greeting template stands for all
 * of them ("hiya", "yo", "servus", "grüezi").
 */
export const SHORT_FORMS: ReadonlyMap<string, string> = new Map([
  ...["hello", "hallo", "hey", "heya", "hiya", "hai", "yo", "howdy", "hallochen", "servus", "moin", "moinsen"].map(
    (greeting) => [greeting, "hi"] as const,
  ),
  ...["gruss", "gruezi", "gruzi", "tach", "hoi", "greetings", "sup", "huhu", "hej", "hallihallo"].map(
    (greeting) => [greeting, "hi"] as const,
  ),
  ["u", "you"],
  ["ya", "you"],
  ["ur", "your"],
  ["r", "are"],
  ["pls", "please"],
  ["plz", "please"],
  ["thx", "thanks"],
  ["ty", "thanks"],
  ["rn", "right now"],
  ["atm", "right now"],
  ["tmrw", "tomorrow"],
  ["tmr", "tomorrow"],
  ["abt", "about"],
  ["gimme", "give me"],
  ["lemme", "let me"],
  ["wanna", "want to"],
  ["gonna", "going to"],
  ["gotta", "have to"],
  ["hows", "how is"],
  ["whats", "what is"],
  ["wheres", "where is"],
  ["thats", "that is"],
  ["teh", "the"],
  ["hte", "the"],
  ["ad", "add"],
  ["temp", "temperature"],
  ["subs", "subscriptions"],
  ["nen", "einen"],
  ["ne", "eine"],
  ["nem", "einem"],
  ["ner", "einer"],
  ["hab", "habe"],
  ["brauch", "brauche"],
  ["fug", "fuge"],
  ["nr", "nummer"],
  ["di", "die"],
  ["gibts", "gibt es"],
  ["gehts", "geht es"],
  ["kannste", "kannst du"],
  ["jz", "jetzt"],
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
