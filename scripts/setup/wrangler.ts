/**
 * Runs wrangler for `npm run setup`: `npx wrangler`, or the command named by
 * `PARLEY_WRANGLER` (a stand-in in the tests). Its output is read, not shown:
 * a command that fails is reported with the end of what it printed.
 */
import { spawn } from "node:child_process";

/** Lines of a failed command's output worth showing: wrangler puts the reason last. */
const TAIL_LINES = 12;

export class WranglerFailed extends Error {
  override readonly name = "WranglerFailed";
}

export class Wrangler {
  private readonly command: readonly string[];
  private readonly env: Readonly<Record<string, string | undefined>>;

  /** `env` is wrangler's environment: Cloudflare's credentials, never the bot's tokens (those go in files). */
  constructor(env: Readonly<Record<string, string | undefined>>) {
    const own = env.PARLEY_WRANGLER;
    this.command = own ? [own] : ["npx", "wrangler"];
    this.env = env;
  }

  /** How the command is shown: as the user would type it. */
  static show(args: readonly string[]): string {
    return `wrangler ${args.join(" ")}`;
  }

  /** Runs `wrangler …args` and resolves to what it printed; rejects with the end of it when it fails. */
  run(args: readonly string[]): Promise<string> {
    const [program = "npx", ...first] = this.command;
    return new Promise((resolve, reject) => {
      const child = spawn(program, [...first, ...args], { env: this.env, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString("utf8");
      });
      child.stderr.on("data", (chunk: Buffer) => {
        output += chunk.toString("utf8");
      });
      child.once("error", (error) =>
        reject(new WranglerFailed(`${Wrangler.show(args)} could not start: ${error.message}`)),
      );
      child.once("close", (code) => {
        if (code === 0) return resolve(output);
        const tail = output.trimEnd().split("\n").slice(-TAIL_LINES).join("\n");
        reject(new WranglerFailed(`${Wrangler.show(args)} failed (exit ${code}):\n${tail}`));
      });
    });
  }
}
