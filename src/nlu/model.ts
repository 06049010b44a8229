/**
 * Training: from the bot's examples to what `understand` reads against.
 * Runs once per isolate and only counts words, so it is quick (see
 * docs/NLU.md for the figure).
 */
import { recogniseDigests } from "./entities/digest.ts";
import { ENTITY_WORDS, type Word } from "./entities/index.ts";
import { featuresOf, itemsOf } from "./features.ts";
import { buildSpeller, type Speller } from "./spelling.ts";
import { compileTemplate, entityOf, isFree, type Template, wordOf } from "./template.ts";
import { tokenize } from "./text.ts";
import { LOCALES, type Locale, type Understandable } from "./types.ts";

/** One understandable in one language, ready for matching. */
export interface Unit {
  readonly understandable: Understandable;
  readonly locale: Locale;
  readonly templates: readonly Template[];
  /** Unit-length feature weights of all its templates together. */
  readonly profile: ReadonlyMap<string, number>;
  /** The literal words of its templates. */
  readonly vocabulary: ReadonlySet<string>;
  /** For each free slot, the words templates put right before and right after it: cues, not content. */
  readonly cues: ReadonlyMap<string, Cues>;
}

export interface Cues {
  readonly before: ReadonlySet<string>;
  readonly after: ReadonlySet<string>;
}

function cuesOf(templates: readonly Template[]): Map<string, Cues> {
  const cues = new Map<string, { before: Set<string>; after: Set<string> }>();
  for (const { parts } of templates) {
    parts.forEach((part, index) => {
      if (part.kind !== "slot" || !isFree(part.entity)) return;
      const entry = cues.get(part.slot.name) ?? { before: new Set<string>(), after: new Set<string>() };
      cues.set(part.slot.name, entry);
      const before = parts[index - 1];
      const after = parts[index + 1];
      if (before?.kind === "word") entry.before.add(before.word);
      if (after?.kind === "word") entry.after.add(after.word);
    });
  }
  return cues;
}

export interface LocaleModel {
  readonly units: readonly Unit[];
  /** Stems seen in this language's templates. */
  readonly keys: ReadonlySet<string>;
  /** Folded words of this language's templates. */
  readonly words: ReadonlySet<string>;
  /** How telling a feature is: rare across units is telling. */
  readonly idf: ReadonlyMap<string, number>;
  /** The same, for a single stem: weighs what a message's words are worth. */
  readonly keyIdf: ReadonlyMap<string, number>;
}

export interface Model {
  readonly speller: Speller;
  readonly locales: ReadonlyMap<Locale, LocaleModel>;
}

/**
 * The features of one template: its literals read like a message, slots by
 * class. Values in templates are always slots, so of the recognisers only
 * the digest one can find anything in a literal ("weather", "news").
 */
function templateFeatures(template: Template, locale: Locale): Set<string> {
  let run: Word[] = [];
  const items: string[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const entities = recogniseDigests({ words: run, text: "", locale });
    items.push(...itemsOf(run, entities, () => true));
    run = [];
  };
  for (const part of template.parts) {
    if (part.kind === "word") {
      run.push(wordOf({ raw: part.word, start: 0, end: part.word.length, norm: part.word }));
      continue;
    }
    flush();
    const kind = entityOf(part.slot);
    items.push(isFree(kind) ? "#free" : `#${kind === "count" ? "number" : kind}`);
  }
  flush();
  return featuresOf(items);
}

function localeModel(understandables: readonly Understandable[], locale: Locale): LocaleModel {
  const compiled = understandables.flatMap((understandable) => {
    const sources = understandable.examples[locale] ?? [];
    if (sources.length === 0) return [];
    const templates = sources.map((source) => compileTemplate(source, understandable.slots));
    return [{ understandable, templates, features: templates.map((t) => templateFeatures(t, locale)) }];
  });

  const unitCount = compiled.length;
  const featureUnits = new Map<string, number>();
  const keyUnits = new Map<string, number>();
  for (const unit of compiled) {
    for (const feature of new Set(unit.features.flatMap((set) => [...set]))) {
      featureUnits.set(feature, (featureUnits.get(feature) ?? 0) + 1);
    }
    const keys = new Set(unit.templates.flatMap((t) => t.parts.flatMap((p) => (p.kind === "word" ? [p.key] : []))));
    for (const key of keys) keyUnits.set(key, (keyUnits.get(key) ?? 0) + 1);
  }
  const idfOf = (units: number) => Math.log(1 + unitCount / units);
  const idf = new Map([...featureUnits].map(([feature, units]) => [feature, idfOf(units)]));
  const keyIdf = new Map([...keyUnits].map(([key, units]) => [key, idfOf(units)]));

  const units: Unit[] = compiled.map(({ understandable, templates, features }) => {
    // A literal weighs what it tells about the intent: rare across intents, common in this one's phrasings.
    const templatesWith = new Map<string, number>();
    for (const template of templates) {
      const keys = new Set(template.parts.flatMap((part) => (part.kind === "word" ? [part.key] : [])));
      for (const key of keys) templatesWith.set(key, (templatesWith.get(key) ?? 0) + 1);
    }
    for (const template of templates) {
      for (const part of template.parts) {
        if (part.kind !== "word") continue;
        const share = (templatesWith.get(part.key) ?? 0) / templates.length;
        part.weight = (keyIdf.get(part.key) ?? 0) * (0.3 + 0.7 * Math.sqrt(share));
      }
    }
    const profile = new Map<string, number>();
    for (const set of features) {
      for (const feature of set) profile.set(feature, (profile.get(feature) ?? 0) + (idf.get(feature) ?? 0));
    }
    const norm = Math.sqrt([...profile.values()].reduce((sum, weight) => sum + weight * weight, 0)) || 1;
    for (const [feature, weight] of profile) profile.set(feature, weight / norm);
    const vocabulary = new Set(templates.flatMap((t) => t.parts.flatMap((p) => (p.kind === "word" ? [p.word] : []))));
    return { understandable, locale, templates, profile, vocabulary, cues: cuesOf(templates) };
  });

  const words = new Set(
    units.flatMap((unit) => unit.templates.flatMap((t) => t.parts.flatMap((p) => (p.kind === "word" ? [p.word] : [])))),
  );
  return { units, keys: new Set(keyUnits.keys()), words, idf, keyIdf };
}

export function trainModel(understandables: readonly Understandable[]): Model {
  const locales = new Map(LOCALES.map((locale) => [locale, localeModel(understandables, locale)] as const));
  const vocabulary = [...locales].flatMap(([locale, model]) => [...model.words].map((word) => [word, locale] as const));
  const lexicon = ENTITY_WORDS.flatMap((word) =>
    tokenize(word).tokens.map((token) => [token.norm, undefined] as const),
  );
  return { speller: buildSpeller([...vocabulary, ...lexicon]), locales };
}
