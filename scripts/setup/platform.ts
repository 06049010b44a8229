/** What each platform's part of `npm run setup` gives the run: the one shape the run goes through for all three. */

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
