import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/cli.js";

/**
 * The emulator as its own program (`npm run emulator` runs dist/emulator.js): the demo, the bench
 * and people start it this way; the connector's CLI no longer has it.
 */
const EMULATOR = join(ROOT, "dist", "emulator.js");

function runPlain(args: readonly string[]) {
  const result = spawnSync(process.execPath, [EMULATOR, ...args], { encoding: "utf8", timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function firstLine(child: ChildProcess): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await once(lines, "line")) as [string];
  lines.close();
  return line;
}

describe("the emulator program", () => {
  it("prints its base URL, serves the Graph API with the token it was given, and stops on SIGTERM, exit 0", async () => {
    const child = spawn(process.execPath, [EMULATOR, "--port", "0", "--token", "EAAG-emulator-program"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const url = await firstLine(child);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const answer = (token: string) =>
        fetch(`${url}/v23.0/102290129340398`, { headers: { authorization: `Bearer ${token}` } });
      expect((await answer("EAAG-emulator-program")).status).toBe(200);
      expect((await answer("another-token")).status).toBe(401);
    } finally {
      child.kill("SIGTERM");
    }
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
  });

  it("`--help` prints its usage on stdout, exit 0", () => {
    const result = runPlain(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run emulator -- \[--port N\]/);
  });

  it.each([
    [["--port", "70000"], /--port must be a number from 0 to 65535/],
    [["--customer-service-window", "sometimes"], /--customer-service-window must be open or enforced/],
    [["--prot", "8787"], /Unknown option '--prot'/],
  ])("%j is a usage error on stderr with exit 2", (args, reason) => {
    const result = runPlain(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).toMatch(/Usage: npm run emulator/);
  });
});
