/** Questions on the terminal, for `npm run setup` run by hand; a secret's answer is not shown as it is typed. */
import { createInterface } from "node:readline/promises";

const ENTER = new Set(["\r", "\n"]);
const CTRL_C = "\u0003";
const BACKSPACE = new Set(["\u007f", "\b"]);

/** Whether there is a person to ask: input from a terminal. */
export function canAsk(): boolean {
  return process.stdin.isTTY === true;
}

export async function ask(question: string, hidden: boolean): Promise<string> {
  if (!hidden) {
    const lines = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await lines.question(question);
    lines.close();
    return answer.trim();
  }
  const { stdin, stdout } = process;
  stdout.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  return new Promise((resolve) => {
    let answer = "";
    const finish = () => {
      stdin.off("data", hear);
      stdin.setRawMode(false);
      stdin.pause();
      stdout.write("\n");
      resolve(answer.trim());
    };
    const hear = (chunk: string) => {
      for (const char of chunk) {
        if (ENTER.has(char)) return finish();
        if (char === CTRL_C) {
          stdin.setRawMode(false);
          stdout.write("\n");
          process.exit(130);
        }
        answer = BACKSPACE.has(char) ? answer.slice(0, -1) : answer + char;
      }
    };
    stdin.on("data", hear);
  });
}
