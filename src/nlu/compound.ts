/**
 * German runs words together: "Dollarkurs", "Wetterabo", "Todoliste". An
 * unknown word made of two known ones reads as both.
 */
import type { Speller } from "./spelling.ts";
import { fold, type Token } from "./text.ts";
import { FILLERS, STOPWORDS } from "./words.ts";

/** Compound parts shorter than this are too often chance ("die" + "burg"). */
const MIN_PART = 3;

function isContent(word: string, speller: Speller): boolean {
  return word.length >= MIN_PART && speller.knows(word) && !STOPWORDS.has(word) && !FILLERS.has(word);
}

/**
 * "Dollarkurs" reads as "Dollar" and "kurs", "Wetterabo" as "Wetter" and
 * "abo": an unknown word made of two known ones (with or without a linking
 * "s") is split, each part keeping its place in the message.
 */
export function splitCompound(token: Token, speller: Speller): Token[] {
  const { norm, raw, start } = token;
  if (norm.length < 2 * MIN_PART || speller.knows(norm) || !/^[a-z]+$/.test(norm)) return [token];
  for (let cut = norm.length - MIN_PART; cut >= MIN_PART; cut--) {
    const head = norm.slice(0, cut);
    const tail = norm.slice(cut);
    const whole = isContent(head, speller);
    const linked = !whole && head.endsWith("s") && isContent(head.slice(0, -1), speller);
    if (!isContent(tail, speller) || !(whole || linked)) continue;
    let rawCut = 1;
    while (rawCut < raw.length && fold(raw.slice(0, rawCut)) !== head) rawCut++;
    if (rawCut >= raw.length) continue;
    return [
      { raw: raw.slice(0, rawCut), start, end: start + rawCut, norm: linked ? head.slice(0, -1) : head },
      { raw: raw.slice(rawCut), start: start + rawCut, end: token.end, norm: tail },
    ];
  }
  return [token];
}
