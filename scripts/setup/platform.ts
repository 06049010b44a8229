/** What each platform's part of `npm run setup` is given and gives back: the one shape the run goes through for all three. */
import type { Bot } from "../../src/core/intent.ts";
import type { Inputs } from "./inputs.ts";
import type { SetupState } from "./state.ts";
import type { Steps } from "./steps.ts";

export interface SetupContext {
  readonly bot: Bot;
  readonly inputs: Inputs;
  readonly steps: Steps;
  readonly state: SetupState;
  /** Where the API bases come from (`TELEGRAM_API_BASE`, …). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface PlatformSetup {
  /** The Worker secrets it needs, by the name the Worker reads. */
  readonly secrets: Readonly<Record<string, string>>;
  /** Reads what the platform has now and changes nothing; a token it refuses throws `Refused`. */
  check(): Promise<void>;
  /**
   * Brings the platform in line with the Worker at `url`, changing only what
   * differs; resolves to secrets it received on the way that the Worker needs.
   */
  apply(url: string): Promise<Readonly<Record<string, string>> | undefined>;
}

/** A platform left out of the run: for lack of tokens, or because one cannot be right. */
export type Skipped = { readonly skipped: string } | { readonly invalid: string };

/** A platform refused a token or id: the platform and the variable are named, the value never. */
export class Refused extends Error {
  override readonly name = "Refused";

  constructor(platform: string, variable: string, reason: string, hint?: string) {
    super(`${platform} refused ${variable} (${reason})${hint ? `: ${hint}` : ""}`);
  }
}
