/**
 * Errors a handler may throw on purpose. The engine turns each into a reply
 * the user understands; anything else becomes an apology and a logged error.
 */

/** The user asked for something that cannot be done; `message` is shown to them as is. */
export class UserError extends Error {
  override readonly name = "UserError";
}

/**
 * `rejected`: the service understood the request and refused it (a 4xx);
 * `unavailable`: it could not be reached or failed itself (a 5xx).
 */
export type ServiceFailure = "timeout" | "unavailable" | "bad_response" | "not_found" | "rejected";

/**
 * An outside service (weather, rates, news) failed; the user gets a friendly
 * reply naming it: by the bot's message of that id (`weather-service`) in
 * their language, else by `service` as it is.
 */
export class ServiceError extends Error {
  override readonly name = "ServiceError";
  readonly service: string;
  readonly failure: ServiceFailure;
  readonly status: number | undefined;

  constructor(service: string, failure: ServiceFailure, status?: number) {
    super(`${service}: ${failure}${status === undefined ? "" : ` (HTTP ${status})`}`);
    this.service = service;
    this.failure = failure;
    this.status = status;
  }
}
