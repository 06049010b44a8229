/**
 * What intents use to reach the outside world: JSON over HTTP with a timeout,
 * validated on arrival, and the settings (API base URLs) of the deployment.
 */
import type * as z from "zod";
import { readSetting } from "../lib/settings.ts";
import { ServiceError } from "./errors.ts";

const DEFAULT_TIMEOUT_MS = 5000;

export interface Services {
  /**
   * GETs `url` and validates the JSON answer with `schema`. A timeout, a
   * non-2xx answer or an unexpected body throws `ServiceError` naming
   * `service` (a message id of the bot, such as `weather-service`, names it
   * in the user's language), which the engine turns into a friendly reply.
   */
  getJson<T>(service: string, url: string | URL, schema: z.ZodType<T>, options?: { timeoutMs?: number }): Promise<T>;
  /** A deployment setting such as `WEATHER_API_BASE`; throws when it is not set. */
  setting(name: string): string;
}

export function createServices(settings: Readonly<Record<string, unknown>>, fetcher: typeof fetch): Services {
  return {
    async getJson(service, url, schema, options) {
      let response: Response;
      try {
        response = await fetcher(url, {
          headers: { accept: "application/json" },
          signal: AbortSignal.timeout(options?.timeoutMs ?? DEFAULT_TIMEOUT_MS),
        });
      } catch (error) {
        const timedOut = error instanceof DOMException && error.name === "TimeoutError";
        throw new ServiceError(service, timedOut ? "timeout" : "unavailable");
      }
      if (response.status === 404) throw new ServiceError(service, "not_found", 404);
      if (response.status >= 400 && response.status < 500 && response.status !== 429) {
        throw new ServiceError(service, "rejected", response.status);
      }
      if (!response.ok) throw new ServiceError(service, "unavailable", response.status);
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new ServiceError(service, "bad_response", response.status);
      }
      const parsed = schema.safeParse(body);
      if (!parsed.success) throw new ServiceError(service, "bad_response", response.status);
      return parsed.data;
    },
    setting: (name) => readSetting(settings, name),
  };
}
