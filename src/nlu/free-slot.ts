/**
 * Free slots (a city, a to-do) cut out of the message: the words a line-up
 * gave the slot, without the cue words, fillers and quotes around them, as
 * typed by the user.
 */
import { ENTITY_IN_FREE, type Filled, KNOWN_IN_FREE } from "./align.ts";
import { mendCity } from "./cities.ts";
import { kindBit, type Word } from "./entities/index.ts";
import type { Message } from "./message.ts";
import type { Unit } from "./model.ts";
import { fold } from "./text.ts";
import { FILLERS, STOPWORDS } from "./words.ts";

/** Words a free slot does not begin with: the cue before it, when the template had another. */
const LEADING: Readonly<Record<"city" | "text", ReadonlySet<string>>> = {
  city: new Set([
    "in",
    "for",
    "at",
    "of",
    "fur",
    "im",
    "bei",
    "near",
    "around",
    "like",
    "today",
    "tomorrow",
    "heute",
    "morgen",
  ]),
  text: new Set(["to", "that", "about", "an", "ans", "daran", "dass", "me", "mich", "mir", "down"]),
};

/** Words a free slot does not end with: times of day, and for a city a verb after it ("… Main ist", "… sagen"). */
const TRAILING: Readonly<Record<"city" | "text", ReadonlySet<string>>> = {
  city: new Set(
    "today tomorrow now right currently tonight this weekend week morning evening afternoon like is heute morgen gerade jetzt aktuell ist sein wochenende woche abend sagen schicken zeigen nennen verraten geben checken aus aussehen wird werden".split(
      " ",
    ),
  ),
  text: new Set(["for", "me", "mir"]),
};

/** Cues that, inside a city's words, start the city ("looking in Hamburg"); "im" and "am" belong to names. */
const INNER_CUES = new Set(["in", "for", "at", "near", "around", "fur", "bei"]);

/** Texts that only stand for one: "add something to my list" names no to-do yet. */
const PLACEHOLDERS = new Set([
  "something",
  "sth",
  "smth",
  "stuff",
  "it",
  "this",
  "that",
  "a thing",
  "an item",
  "a task",
  "a todo",
  "an entry",
  "something new",
  "was",
  "etwas",
  "irgendwas",
  "was neues",
  "das",
  "es",
  "eine aufgabe",
  "einen punkt",
  "ein todo",
  "einen eintrag",
]);

/** Quotes and punctuation around a cut-out value. */
const EDGES = /^[\s"'“”‘’„«»:,;.!?()-]+|[\s"'“”‘’„«»:,;.!?()-]+$/g;

/** A quoted stretch of a message: 'pay the rent', "email Sarah", „Oma anrufen“. */
const QUOTED = /(?<=^|[\s:,(])["'“”‘’„«»]([^"“”‘’„«»]+?)["'“”‘’„«»](?=$|[\s.,!?:;)])/gu;

/** Words a question starts with: a message that opens with one asks rather than names a to-do. */
const QUESTION_WORDS = new Set(["what", "which", "how", "was", "welche", "welcher", "wie"]);

/** Openings of a polite request: "can you", "kannst du". */
const COURTESY = new Set(["can", "could", "would", "will", "kannst", "konntest", "wurdest", "magst"]);

/** A word of the unit's templates (or, with `functional`, also a function word or filler). */
function cueWord(word: Word | undefined, unit: Unit, functional: boolean): boolean {
  if (!word) return false;
  const isFunctional = STOPWORDS.has(word.norm) || FILLERS.has(word.norm);
  return (functional && isFunctional) || (!isFunctional && unit.vocabulary.has(word.word));
}

/** Words the unit would use around its slots rather than in them. */
function cueLike(word: Word, message: Message, index: number, unit: Unit): boolean {
  return (
    FILLERS.has(word.norm) ||
    STOPWORDS.has(word.norm) ||
    unit.vocabulary.has(word.word) ||
    message.known[index] === true ||
    message.entities.some((entity) => entity.start <= index && index < entity.end)
  );
}

/**
 * The words of a free slot without cue words at its edges: fillers, the
 * unit's cues around this slot, and for a city any word the unit's templates
 * use ("like in Lisbon today" → "Lisbon"). A text keeps only what is quoted
 * in it, or what follows a colon after cue words ("auf meiner Liste: Garage
 * aufräumen" → "Garage aufräumen").
 */
export function cut(unit: Unit, name: string, kind: "city" | "text", span: Filled, message: Message, text: string) {
  const { words } = message;
  const cues = unit.cues.get(name);
  const edge = (index: number, fixed: ReadonlySet<string>, learned: ReadonlySet<string> | undefined) => {
    const word = words[index];
    return (
      word !== undefined &&
      (FILLERS.has(word.norm) ||
        fixed.has(word.norm) ||
        (learned?.has(word.word) ?? false) ||
        (kind === "city" && (STOPWORDS.has(word.norm) || unit.vocabulary.has(word.word))))
    );
  };
  let from = span.start;
  let to = span.end;
  if (kind === "text") {
    const quoted = quotedWithin(from, to, message, text);
    if (quoted !== undefined) return { ...quoted, said: true };
    for (let i = to - 1; i > from; i--) {
      const colon = /:\s*$/.test(text.slice(words[i - 1]?.end ?? 0, words[i]?.start ?? 0));
      if (!colon) continue;
      if (words.slice(from, i).every((word, offset) => cueLike(word, message, from + offset, unit))) from = i;
      break;
    }
    // "could you …", "kannst du …": a request's opening, not the to-do.
    if (COURTESY.has(words[from]?.norm ?? "") && ["you", "du"].includes(words[from + 1]?.norm ?? "")) from += 2;
    // "… zur Liste", "… to my list": the unit's own words at the end are where the text goes, not the text.
    let cue = to;
    while (cue > from && cueWord(words[cue - 1], unit, true)) cue--;
    if (words.slice(cue, to).some((word) => cueWord(word, unit, false))) to = cue;
  }
  while (to > from && edge(to - 1, TRAILING[kind], cues?.after)) to--;
  // "looking in Hamburg": a cue inside a city's words starts the city.
  if (kind === "city") {
    for (let i = to - 2; i > from; i--) {
      const word = words[i]?.norm ?? "";
      if (INNER_CUES.has(word) || (cues?.before.has(word) ?? false)) {
        from = i + 1;
        break;
      }
    }
  }
  while (from < to && edge(from, LEADING[kind], cues?.before)) from++;
  // A capitalised place name capitalises its words but small ones ("Frankfurt am Main"): "Vienna looking" is "Vienna".
  if (kind === "city" && message.capitalised[from]) {
    while (to - 1 > from && !message.capitalised[to - 1]) to--;
  }
  const first = words[from];
  const last = words[to - 1];
  if (!first || !last || from >= to) return { value: undefined, from, to, said: false };
  // A city made only of words the bot's phrasings use is none: "subscribe to the weather" names no city "subscribe".
  // Capitalised mid-sentence, such a word is a name after all ("Nice").
  const named = (index: number) => index > 0 && message.capitalised[index] === true;
  const bare = (index: number) => message.known[index] && !words[index]?.corrected && !named(index);
  if (kind === "city" && words.slice(from, to).every((_, offset) => bare(from + offset))) {
    return { value: undefined, from, to, said: false };
  }
  // "what's on my list" puts no to-do on it: a text of function words only, or a question, is none.
  const functional = words.slice(from, to).every((word) => STOPWORDS.has(word.norm) || FILLERS.has(word.norm));
  if (kind === "text" && (functional || (from === 0 && QUESTION_WORDS.has(first.norm)))) {
    return { value: undefined, from, to, said: false };
  }
  const typed = text.slice(first.start, last.end).replace(EDGES, "").replace(/\s+/g, " ");
  // "Berliner Wetter": one word right before the bot's own word is a city's German adjective.
  const adjective = message.locale === "de" && to === from + 1 && unit.vocabulary.has(words[to]?.word ?? "");
  const value = kind === "city" ? mendCity(typed, adjective) : typed;
  // "something" stands for a to-do the user has yet to name: said, but no value.
  if (value === "" || (kind === "text" && PLACEHOLDERS.has(fold(value))))
    return { value: undefined, from, to, said: true };
  return { value, from, to, said: true };
}

/** What a free slot keeps of the words it took: its value, the words it comes from, and whether it said anything. */
export interface Cut {
  readonly value: string | undefined;
  readonly from: number;
  readonly to: number;
  readonly said: boolean;
}

/** The quoted stretch that lies within words `from` to `to`, if there is one, and the words it covers. */
function quotedWithin(from: number, to: number, message: Message, text: string) {
  const { words } = message;
  const start = words[from]?.start ?? 0;
  const end = words[to] === undefined ? text.length : (words[to]?.start ?? text.length);
  for (const match of text.matchAll(QUOTED)) {
    const inner = match[1]?.trim();
    const close = match.index + match[0].length;
    if (!inner || match.index < start - 1 || close > end) continue;
    const covered = words.flatMap((word, index) => (word.start > match.index && word.end < close ? [index] : []));
    return { value: inner, from: covered[0] ?? from, to: (covered.at(-1) ?? to - 1) + 1 };
  }
  return undefined;
}

/**
 * What the line-up credited a text with that its value does not keep: every
 * word when it said nothing, else the recognised values (a time, a delay) cut
 * from its edges ("90 minutes from now: leave …" keeps "leave …").
 */
export function unsaid(span: Filled, kept: Cut, message: Message): number {
  let lost = 0;
  for (let i = span.start; i < span.end; i++) {
    const weight = message.weights[i] ?? 0;
    const valued = ((message.kinds[i] ?? 0) & ~kindBit("digest")) !== 0;
    if (!kept.said) lost += weight * (message.known[i] ? KNOWN_IN_FREE : valued ? ENTITY_IN_FREE : 1);
    else if (valued && (i < kept.from || i >= kept.to)) lost += weight * ENTITY_IN_FREE;
  }
  return lost;
}
