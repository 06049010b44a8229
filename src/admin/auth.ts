/**
 * The admin routes' gate. `ADMIN_TOKEN` unset: the routes do not exist
 * (404, as for any unknown path). Set: a request must carry it, compared in
 * constant time, as `Authorization: Bearer <token>` (scripts, `npm run
 * usage`) or as the password of HTTP Basic (a browser, which asks for it
 * when the 401 says so; the user name is ignored).
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import { timingSafeEqualText } from "../lib/timing-safe.ts";
import { log } from "../log.ts";

/** The token a request presents, or undefined when it presents none in a form we accept. */
function presentedToken(authorization: string | undefined): string | undefined {
  const [scheme, credentials] = authorization?.trim().split(/\s+/, 2) ?? [];
  if (!scheme || !credentials) return undefined;
  if (scheme.toLowerCase() === "bearer") return credentials;
  if (scheme.toLowerCase() !== "basic") return undefined;
  try {
    const decoded = new TextDecoder().decode(Uint8Array.from(atob(credentials), (char) => char.charCodeAt(0)));
    const colon = decoded.indexOf(":");
    return colon === -1 ? undefined : decoded.slice(colon + 1);
  } catch {
    return undefined;
  }
}

export const requireAdminToken: MiddlewareHandler<AppEnv> = async (c, next) => {
  const expected = c.env.ADMIN_TOKEN;
  if (typeof expected !== "string" || expected === "") return c.json({ error: "not found" }, 404);
  const presented = presentedToken(c.req.header("authorization"));
  // Compared even when nothing was presented, so that the answer takes as long either way.
  const valid = await timingSafeEqualText(presented ?? "", expected);
  if (presented === undefined || !valid) {
    log("info", "admin_unauthorized", { path: c.req.path, presented: presented !== undefined });
    c.header("WWW-Authenticate", 'Bearer realm="Parley admin"');
    // A browser cannot answer a Bearer challenge; this one makes it ask for the token.
    c.header("WWW-Authenticate", 'Basic realm="Parley admin", charset="UTF-8"', { append: true });
    c.header("Cache-Control", "no-store");
    return c.json({ error: "unauthorized" }, 401);
  }
  c.header("Cache-Control", "no-store");
  await next();
};
