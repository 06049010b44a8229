/**
 * A platform API's refusal, classified so that callers decide with one `if`:
 * wait and retry (`transient`, after `retryAfterMs` when the platform said),
 * or stop for good (`permanent`: the user blocked the bot, the channel is
 * gone). Transport failures (the request may or may not have arrived) stay
 * ordinary errors.
 */
export class PlatformError extends Error {
  override readonly name = "PlatformError";
  readonly platform: string;
  /** The HTTP status, or the platform's own error code where it has one. */
  readonly code: number | string;
  readonly permanent: boolean;
  /** Rate limited or a server error: the same request may pass later. Anything else fails again as it is. */
  readonly transient: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(init: {
    platform: string;
    code: number | string;
    description: string;
    permanent: boolean;
    transient: boolean;
    retryAfterMs?: number;
  }) {
    super(`${init.platform} API error ${init.code}: ${init.description}`);
    this.platform = init.platform;
    this.code = init.code;
    this.permanent = init.permanent;
    this.transient = init.transient;
    this.retryAfterMs = init.retryAfterMs;
  }
}
