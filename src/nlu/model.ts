/**
 * Training: from the bot's examples to what `understand` reads against.
 * Runs once per isolate and only counts words, so it is quick (see
 * docs/NLU.md for the figure).
 */
import { digestLength } from "./entities/digest.ts";
import { ENTITY_WORDS } from "./entities/index.ts";
import { featuresOf } from "./features.ts";
import { buildSpeller, type Speller } from "./spelling.ts";
import { compileTemplate, entityOf, isFree, type Template } from "./template.ts";
import { LOCALES, type Locale, type Understandable } from "./types.ts";
import { FILLERS, SHORT_FORMS } from "./words.ts";

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
      if (before?.kind === "word")
        for (const word of before.alternatives?.words ?? [before.word]) entry.before.add(word);
      if (after?.kind === "word") for (const word of after.alternatives?.words ?? [after.word]) entry.after.add(word);
    });
  }
  return cues;
}

export interface LocaleModel {
  readonly units: readonly Unit[];
  /** Stems seen in this language's templates. */
  readonly keys: ReadonlySet<string>;
  /** Stems seen in the templates of served intents: words that mean a request of the bot's. */
  readonly servedKeys: ReadonlySet<string>;
  /** Folded words of this language's templates. */
  readonly words: ReadonlySet<string>;
  /** How telling a feature is: rare across units is telling. */
  readonly idf: ReadonlyMap<string, number>;
  /** The same, for a single stem: weighs what a message's words are worth. */
  readonly keyIdf: ReadonlyMap<string, number>;
  /** The most parts any template has. */
  readonly longest: number;
}

export interface Model {
  readonly speller: Speller;
  readonly locales: ReadonlyMap<Locale, LocaleModel>;
}

/**
 * The features of one template: its literals read as a message's words are
 * (a digest word as its class and its key), slots by class. The first of a
 * group of alternatives stands in the sequence; the others count alone.
 */
function templateFeatures(template: Template): Set<string> {
  const items: string[] = [];
  const others: string[] = [];
  const { parts } = template;
  const words = parts.map((part) => (part.kind === "word" ? part.word : ""));
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!part) continue;
    if (part.kind === "slot") {
      const kind = entityOf(part.slot);
      items.push(isFree(kind) ? "#free" : `#${kind === "count" ? "number" : kind}`);
      continue;
    }
    const digest = digestLength(words, i);
    if (digest > 0) {
      items.push("#digest");
      for (let j = i; j < i + digest; j++) {
        const word = parts[j];
        if (word?.kind === "word") items.push(word.key);
      }
      i += digest - 1;
      continue;
    }
    if (FILLERS.has(part.word)) continue;
    items.push(part.key);
    for (const other of part.alternatives?.keys ?? []) if (other !== part.key) others.push(other);
  }
  const features = featuresOf(items);
  for (const other of others) features.add(other);
  return features;
}

/** The keys and words of a template's literals. */
function literals(template: Template): { keys: string[]; words: string[] } {
  const keys: string[] = [];
  const words: string[] = [];
  for (const part of template.parts) {
    if (part.kind !== "word") continue;
    if (part.alternatives) {
      keys.push(...part.alternatives.keys);
      words.push(...part.alternatives.words);
    } else {
      keys.push(part.key);
      words.push(part.word);
    }
  }
  return { keys, words };
}

function count(counts: Map<string, number>, items: Iterable<string>): void {
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
}

function localeModel(understandables: readonly Understandable[], locale: Locale): LocaleModel {
  const compiled = understandables.flatMap((understandable) => {
    const sources = understandable.examples[locale] ?? [];
    if (sources.length === 0) return [];
    const templates = sources.map((source) => compileTemplate(source, understandable.slots));
    const features = new Set<string>();
    const keys = new Set<string>();
    const words = new Set<string>();
    // How many of the templates use each key: a literal common in this intent's phrasings tells more.
    const templatesWith = new Map<string, number>();
    const featureSets = templates.map((template) => {
      const set = templateFeatures(template);
      for (const feature of set) features.add(feature);
      const literal = literals(template);
      count(templatesWith, new Set(literal.keys));
      for (const key of literal.keys) keys.add(key);
      for (const word of literal.words) words.add(word);
      return set;
    });
    return [{ understandable, templates, featureSets, features, keys, words, templatesWith }];
  });

  const unitCount = compiled.length;
  const featureUnits = new Map<string, number>();
  const keyUnits = new Map<string, number>();
  for (const unit of compiled) {
    count(featureUnits, unit.features);
    count(keyUnits, unit.keys);
  }
  const idfOf = (units: number) => Math.log(1 + unitCount / units);
  const idf = new Map<string, number>();
  for (const [feature, units] of featureUnits) idf.set(feature, idfOf(units));
  const keyIdf = new Map<string, number>();
  for (const [key, units] of keyUnits) keyIdf.set(key, idfOf(units));

  const words = new Set<string>();
  const servedKeys = new Set<string>();
  const units: Unit[] = compiled.map((unit) => {
    const { understandable, templates, featureSets, keys, words: vocabulary, templatesWith } = unit;
    // A literal weighs what it tells about the intent: rare across intents, common in this one's phrasings.
    for (const template of templates) {
      for (const part of template.parts) {
        if (part.kind !== "word") continue;
        // Alternatives weigh what they weigh on average.
        const keys = part.alternatives?.keys ?? [part.key];
        let weight = 0;
        for (const key of keys) {
          const share = (templatesWith.get(key) ?? 0) / templates.length;
          weight += (keyIdf.get(key) ?? 0) * (0.3 + 0.7 * Math.sqrt(share));
        }
        part.weight = weight / (part.alternatives?.keys.size ?? 1);
      }
    }
    const profile = new Map<string, number>();
    for (const set of featureSets) {
      for (const feature of set) profile.set(feature, (profile.get(feature) ?? 0) + (idf.get(feature) ?? 0));
    }
    let squares = 0;
    for (const weight of profile.values()) squares += weight * weight;
    const norm = Math.sqrt(squares) || 1;
    for (const [feature, weight] of profile) profile.set(feature, weight / norm);
    for (const word of vocabulary) words.add(word);
    if (!understandable.outOfScope) for (const key of keys) servedKeys.add(key);
    return { understandable, locale, templates, profile, vocabulary, cues: cuesOf(templates) };
  });
  let longest = 1;
  for (const unit of units) for (const template of unit.templates) longest = Math.max(longest, template.parts.length);
  return { units, keys: new Set(keyUnits.keys()), servedKeys, words, idf, keyIdf, longest };
}

export function trainModel(understandables: readonly Understandable[]): Model {
  const locales = new Map(LOCALES.map((locale) => [locale, localeModel(understandables, locale)] as const));
  const vocabulary = [...locales].flatMap(([locale, model]) => [...model.words].map((word) => [word, locale] as const));
  const lexicon = ENTITY_WORDS.map((word) => [word, undefined] as const);
  // Long enough short forms can be mistyped too ("helo"); shorter ones would catch real words ("main" is not "moin").
  const shortForms = [...SHORT_FORMS.keys()]
    .filter((word) => word.length >= 5)
    .map((word) => [word, undefined] as const);
  const commands = new Set(understandables.filter((unit) => !unit.outOfScope).map((unit) => unit.intent));
  return { speller: buildSpeller([...vocabulary, ...lexicon, ...shortForms], commands), locales };
}
