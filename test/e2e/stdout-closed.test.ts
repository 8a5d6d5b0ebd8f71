import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { withAwsSandbox } from "../support/aws-sandbox.js";
import { CLI, ROOT } from "../support/cli.js";

describe("a reader that closes our stdout", () => {
  it("stops the CLI quietly with exit 1, never an uncaught EPIPE stack trace", async () => {
    const child = spawn(process.execPath, [CLI, "spec"], {
      cwd: ROOT,
      env: withAwsSandbox({ ...process.env }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    // Closed before the CLI has started, so its first write meets a pipe with no reader.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const [code] = (await once(child, "close")) as [number | null];
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(code).toBe(1);
  });
});
