import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { WRITE_V8_FLAGS } from "../../../src/commands/write-memory.js";
import { ROOT } from "../../support/cli.js";

const run = promisify(execFile);

describe("write's V8 settings", () => {
  // setFlagsFromString ignores a flag V8 does not know; on the command line Node refuses it.
  it("are all known to this Node's V8 (a renamed flag would silently stop bounding memory)", async () => {
    const { stdout } = await run(process.execPath, [...WRITE_V8_FLAGS, "-e", "process.stdout.write('ok')"]);
    expect(stdout).toBe("ok");
    await expect(run(process.execPath, ["--heap-growing-percent-typo=50", "-e", "0"])).rejects.toThrow();
  });
});

describe("the image's NODE_OPTIONS", () => {
  it("bound the young generation with a flag Node accepts there (only the command line can set it)", async () => {
    const dockerfile = readFileSync(join(ROOT, "Dockerfile"), "utf8");
    const options = /^ENV NODE_OPTIONS=(\S+)$/m.exec(dockerfile)?.[1];
    expect(options).toMatch(/^--max-semi-space-size=\d+$/);
    const { stdout } = await run(process.execPath, ["-e", "process.stdout.write('ok')"], {
      env: { ...process.env, NODE_OPTIONS: options },
    });
    expect(stdout).toBe("ok");
  });
});
