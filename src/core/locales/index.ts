/** Parley's own texts, by language: what every bot says unless its own messages say otherwise. */
import de from "./de.ftl.ts";
import en from "./en.ftl.ts";

export const parleyMessages: Readonly<Record<string, string>> = { en, de };
