/**
 * What runs against Parley on each route: the bare floor, a Worker written
 * by hand with nothing but the platform's own helpers (minimal), and the
 * framework peers, each doing the same work as Parley on that route
 * (verify, claim in D1, one reply). Their modules are under peers/.
 */
import { writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";

export type Route = "telegram" | "discord" | "slack";
export const ROUTES: readonly Route[] = ["telegram", "discord", "slack"];

/** floor: answers 200 and does nothing; minimal: written by hand; peer: built on a framework. */
export type Kind = "floor" | "minimal" | "peer" | "parley";

export interface Contender {
  readonly name: string;
  readonly kind: Kind;
  /** The Worker's module (Parley has none: it is built from wrangler.toml). */
  readonly module?: string;
  /** The npm packages it is built from, whose versions the report names. */
  readonly packages: readonly string[];
  readonly routes: readonly Route[];
}

const PEERS = "scripts/bench/peers";

export const PARLEY: Contender = { name: "Parley", kind: "parley", packages: [], routes: ROUTES };

export const CONTENDERS: readonly Contender[] = [
  { name: "floor", kind: "floor", module: "scripts/bench/floor.ts", packages: ["hono"], routes: ROUTES },
  { name: "minimal", kind: "minimal", module: `${PEERS}/telegram-minimal.ts`, packages: [], routes: ["telegram"] },
  {
    name: "minimal",
    kind: "minimal",
    module: `${PEERS}/discord-minimal.ts`,
    packages: ["discord-interactions", "discord-api-types"],
    routes: ["discord"],
  },
  { name: "minimal", kind: "minimal", module: `${PEERS}/slack-minimal.ts`, packages: [], routes: ["slack"] },
  { name: "grammY", kind: "peer", module: `${PEERS}/telegram-grammy.ts`, packages: ["grammy"], routes: ["telegram"] },
  {
    name: "discord-hono",
    kind: "peer",
    module: `${PEERS}/discord-hono.ts`,
    packages: ["discord-hono"],
    routes: ["discord"],
  },
  { name: "slack-edge", kind: "peer", module: `${PEERS}/slack-edge.ts`, packages: ["slack-edge"], routes: ["slack"] },
  {
    name: "Chat SDK",
    kind: "peer",
    module: `${PEERS}/chat-sdk.ts`,
    packages: ["chat", "@chat-adapter/telegram", "@chat-adapter/state-memory"],
    routes: ["telegram"],
  },
  PARLEY,
];

/**
 * A wrangler configuration for a contender's module, for `buildWorker`:
 * bundled and minified like Parley, with a local D1 `DB` made by Parley's own
 * migrations, so that the peers claim in the same `processed_events` table
 * (the floor keeps nothing).
 */
export function contenderConfig(module: string, dir: string, withDatabase: boolean): string {
  const name = basename(module, ".ts");
  const lines = [
    `name = "${name}"`,
    `main = "${resolve(module)}"`,
    `compatibility_date = "2026-11-01"`,
    "minify = true",
  ];
  if (withDatabase) {
    lines.push(
      "",
      "[[d1_databases]]",
      `binding = "DB"`,
      `database_name = "${name}"`,
      `migrations_dir = "${resolve("migrations")}"`,
    );
  }
  const config = join(dir, `${name}.toml`);
  writeFileSync(config, `${lines.join("\n")}\n`);
  return config;
}
