/**
 * The browser for the browser tests, found with no manual step: the one named
 * by `PARLEY_CHROMIUM` or `CHROMIUM_PATH`, else a Chromium or Chrome already
 * on the machine, else the Chromium build that the npm package
 * `@sparticuz/chromium` ships (unpacked once per version into the temporary
 * folder). The first launch says in one line which browser it is.
 */
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { findPackageJSON } from "node:module";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export interface Browser {
  readonly executablePath: string;
  readonly args: readonly string[];
  /** Where it came from, for the one line the tests print. */
  readonly source: string;
}

/** Settings that name a browser, in the order they are asked. */
const PATH_SETTINGS = ["PARLEY_CHROMIUM", "CHROMIUM_PATH"] as const;
/** Commands that start a Chromium or Chrome, looked up on the PATH. */
const SYSTEM_COMMANDS = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
const MAC_APPS = [
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];

/** Without the background-networking flags Chromium keeps dialling out of a closed network. */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): string | undefined {
  const folders = (process.env.PATH ?? "").split(delimiter).filter(Boolean);
  return folders.map((folder) => join(folder, command)).find(isExecutable);
}

function installed(): Browser | undefined {
  for (const name of PATH_SETTINGS) {
    const path = process.env[name];
    if (!path) continue;
    if (!isExecutable(path)) throw new Error(`${name}=${path} is not an executable browser`);
    return { executablePath: path, args: FLAGS, source: name };
  }
  for (const command of SYSTEM_COMMANDS) {
    const path = onPath(command);
    if (path) return { executablePath: path, args: FLAGS, source: `the system's ${command}` };
  }
  const app = MAC_APPS.find(isExecutable);
  return app ? { executablePath: app, args: FLAGS, source: "the installed application" } : undefined;
}

/**
 * `@sparticuz/chromium` unpacks into the temporary folder, and answers with
 * whatever `chromium` is there already, even half-written. So it unpacks
 * into a folder of its own that is renamed into place when complete: two
 * test runs starting at once each unpack, and the first rename wins.
 */
async function packaged(): Promise<Browser> {
  const { default: sparticuz } = await import("@sparticuz/chromium");
  const manifest = findPackageJSON("@sparticuz/chromium", import.meta.url);
  if (!manifest) throw new Error("@sparticuz/chromium is not installed: run npm install");
  const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
  const home = join(tmpdir(), `parley-chromium-${version}`);
  const executablePath = join(home, "chromium");
  if (!existsSync(executablePath)) {
    const staging = mkdtempSync(join(tmpdir(), "parley-chromium-unpacking-"));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = staging;
    try {
      await sparticuz.executablePath();
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    try {
      renameSync(staging, home);
    } catch {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  const args = [...sparticuz.args, ...FLAGS.filter((flag) => flag !== "--headless")];
  return { executablePath, args, source: `Chromium ${version} from @sparticuz/chromium` };
}

let found: Promise<Browser> | undefined;

/** The browser the tests use, found once per process. */
export function findBrowser(): Promise<Browser> {
  found ??= (async () => {
    const browser = installed() ?? (await packaged());
    console.log(`browser: ${browser.source} (${browser.executablePath})`);
    return browser;
  })();
  return found;
}

type LaunchOptions = NonNullable<Parameters<typeof chromium.launchPersistentContext>[1]>;

/** A headless browser with a fresh profile in `profile`. */
export async function launchChromium(profile: string, options: LaunchOptions = {}): Promise<BrowserContext> {
  const browser = await findBrowser();
  return chromium.launchPersistentContext(profile, {
    executablePath: browser.executablePath,
    headless: true,
    args: [...browser.args],
    ...options,
  });
}
