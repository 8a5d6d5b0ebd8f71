import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { withAwsSandbox } from "./aws-sandbox.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The build output the image runs (`node /app/dist/main.js`); e2e tests need `npm run build` first. */
export const CLI = join(ROOT, "dist", "main.js");

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout split into lines, without the trailing empty one. */
  readonly lines: string[];
  /** Each stdout line parsed (throws in the test if one is not JSON: the protocol forbids it). */
  readonly messages: Array<Record<string, unknown>>;
}

export interface CliOptions {
  /** A Buffer sends exact bytes (e.g. invalid UTF-8). */
  readonly stdin?: string | Buffer | Iterable<string>;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  /** Called with the child once spawned (to send signals, say). */
  readonly onSpawn?: (child: import("node:child_process").ChildProcess) => void;
}

/** Runs the built CLI exactly as the image's entrypoint does: `node dist/main.js <args>`. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before the e2e tests`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      // Last: a test's env cannot turn instance metadata or the machine's ~/.aws back on.
      env: withAwsSandbox({ ...process.env, ...options.env }),
      stdio: ["pipe", "pipe", "pipe"],
    });
    options.onSpawn?.(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`CLI ${args.join(" ")} did not finish within ${options.timeoutMs ?? 60_000} ms`));
    }, options.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString("utf8");
      const lines = stdout.split("\n").filter((line, i, all) => !(i === all.length - 1 && line === ""));
      let messages: Array<Record<string, unknown>>;
      try {
        messages = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      } catch {
        reject(new Error(`stdout holds a line that is not JSON:\n${stdout.slice(0, 2000)}`));
        return;
      }
      resolve({ code, signal, stdout, stderr: Buffer.concat(err).toString("utf8"), lines, messages });
    });
    child.stdin.on("error", () => {
      // The CLI may exit before reading all of stdin (a config error, say): not a test failure.
    });
    const input = options.stdin;
    if (input === undefined) {
      child.stdin.end();
    } else if (typeof input === "string" || Buffer.isBuffer(input)) {
      child.stdin.end(input);
    } else {
      void (async () => {
        for (const chunk of input) {
          if (!child.stdin.write(chunk)) await new Promise((r) => child.stdin.once("drain", r));
        }
        child.stdin.end();
      })();
    }
  });
}

/** Messages of one type, e.g. ofType(result, "STATE"). */
export function ofType(result: CliResult, type: string): Array<Record<string, unknown>> {
  return result.messages.filter((m) => m.type === type);
}
