/**
 * A quick first reading: cosine similarity of the message's features with
 * each intent's profile picks the few intents worth lining templates up for.
 */
import { featuresOf, itemsOf } from "./features.ts";
import type { Message } from "./message.ts";
import type { LocaleModel, Unit } from "./model.ts";

export interface Shortlisted {
  readonly unit: Unit;
  /** Cosine similarity, 0 to 1. */
  readonly similarity: number;
}

export function shortlist(message: Message, language: LocaleModel, limit: number): Shortlisted[] {
  const items = itemsOf(message.words, message.entities, (key) => language.keys.has(key));
  const features = [...featuresOf(items)];
  // A feature no template has still counts in the message's length: it is something nobody taught.
  const weights = features.map((feature) => language.idf.get(feature) ?? 1);
  const norm = Math.sqrt(weights.reduce((sum, weight) => sum + weight * weight, 0));
  if (norm === 0) return [];
  return language.units
    .map((unit) => {
      let dot = 0;
      features.forEach((feature, i) => {
        dot += (weights[i] ?? 0) * (unit.profile.get(feature) ?? 0);
      });
      return { unit, similarity: dot / norm };
    })
    .filter((entry) => entry.similarity > 0)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, limit);
}
