/**
 * Attributes a V8 CPU profile of Parley's isolate to the steps of a
 * delivery, by the source module each sample ran in. An unminified esbuild
 * bundle names its modules in comments (`// src/webhook/claim.ts`), so a
 * line of the bundle tells its module; time in the runtime's own code (the
 * D1 client, `fetch`, WebCrypto) goes to the bundle module that called it.
 */

export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly children?: readonly number[];
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** The steps of a delivery (src/webhook/index.ts), and where the rest of the isolate's time goes. */
export const STEPS = [
  "HTTP, routing and the pipeline",
  "verify",
  "parse",
  "claim, state load and save (D1)",
  "rate limit",
  "route and handler",
  "render and send",
  "record (log line and usage)",
  "runtime outside Parley's code",
] as const;
export type Step = (typeof STEPS)[number];

/** Which step a module belongs to, by its path; first match wins. */
const STEP_OF: readonly [RegExp, Step][] = [
  [
    /^src\/(platforms\/\w+\/verify|webhook\/verify|lib\/timing-safe)\.ts$|^node_modules\/discord-interactions\//,
    "verify",
  ],
  [
    /^src\/(platforms\/\w+\/(parse|wire|locale|workspace)|platforms\/json|webhook\/parse)\.ts$|^node_modules\/zod\//,
    "parse",
  ],
  [/^src\/(store\/|webhook\/claim\.ts)/, "claim, state load and save (D1)"],
  [/^src\/webhook\/limit\.ts$/, "rate limit"],
  [/^src\/(usage\/|log\.ts$|webhook\/record\.ts$)/, "record (log line and usage)"],
  [/^src\/(platforms\/|webhook\/(send|working|messenger)\.ts$)|^node_modules\/grammy\//, "render and send"],
  [/^(src\/(core|nlu|ai|middleware)\/|bots\/|node_modules\/(@fluent|chrono-node)\/)/, "route and handler"],
];

function stepOf(module: string): Step {
  return STEP_OF.find(([pattern]) => pattern.test(module))?.[1] ?? "HTTP, routing and the pipeline";
}

/** For each line of the bundle, the module it belongs to (`undefined` before the first). */
function modulesByLine(bundle: string): (string | undefined)[] {
  let current: string | undefined;
  return bundle.split("\n").map((line) => {
    const named = /^\/\/ ((?:src|bots|node_modules)\/\S+)$/.exec(line);
    if (named) current = named[1];
    return current;
  });
}

export interface Attribution {
  /** Share of the isolate's busy time, per step. */
  readonly steps: Map<Step, number>;
  /** Share of the isolate's busy time, per module. */
  readonly modules: Map<string, number>;
  readonly busyMs: number;
}

export function attribute(profile: CpuProfile, bundle: string): Attribution {
  const lineModules = modulesByLine(bundle);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  /** The first frame from `id` up that runs a module of the bundle. */
  const moduleOf = (id: number): string | undefined => {
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame && /(^|\/)index\.js$/.test(frame.url)) return lineModules[frame.lineNumber];
    }
    return undefined;
  };

  const modules = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, index) => {
    const name = byId.get(id)?.callFrame.functionName;
    if (name === "(idle)") return;
    const us = profile.timeDeltas[index] ?? 0;
    busy += us;
    const module = moduleOf(id) ?? "(runtime)";
    modules.set(module, (modules.get(module) ?? 0) + us);
  });
  const steps = new Map<Step, number>();
  for (const [module, us] of modules) {
    const step = module === "(runtime)" ? "runtime outside Parley's code" : stepOf(module);
    steps.set(step, (steps.get(step) ?? 0) + us / busy);
    modules.set(module, us / busy);
  }
  return { steps, modules, busyMs: busy / 1000 };
}
