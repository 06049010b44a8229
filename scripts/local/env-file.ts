/**
 * The env file the Worker's local secrets come from, read as wrangler reads
 * it (dotenv), and `.dev.vars` kept in step with `.dev.vars.example`: made
 * from it when missing, and given the names the example gained since,
 * without ever changing a value already there.
 */
import { appendFileSync, copyFileSync, existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";

export const DEV_VARS = ".dev.vars";
export const DEV_VARS_EXAMPLE = ".dev.vars.example";

export function readEnvFile(path: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(parseEnv(readFileSync(path, "utf8"))).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
}

/** Creates or completes .dev.vars; returns what it did, for the terminal. */
export function prepareDevVars(): string | undefined {
  if (!existsSync(DEV_VARS)) {
    copyFileSync(DEV_VARS_EXAMPLE, DEV_VARS);
    return `Created ${DEV_VARS} from ${DEV_VARS_EXAMPLE} (local development values).`;
  }
  const present = readEnvFile(DEV_VARS);
  const example = readEnvFile(DEV_VARS_EXAMPLE);
  const missing = Object.keys(example).filter((name) => !(name in present));
  if (missing.length === 0) return undefined;
  const lines = missing.map((name) => `${name}=${example[name]}`);
  appendFileSync(DEV_VARS, `\n# Added from ${DEV_VARS_EXAMPLE}\n${lines.join("\n")}\n`);
  return `Added ${missing.join(", ")} to ${DEV_VARS} from ${DEV_VARS_EXAMPLE}.`;
}
