import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { WRITE_V8_FLAGS } from "../../../src/commands/write-memory.js";

const run = promisify(execFile);

describe("write's V8 settings", () => {
  // setFlagsFromString ignores a flag V8 does not know; on the command line Node refuses it.
  it("are all known to this Node's V8 (a renamed flag would silently stop bounding memory)", async () => {
    const { stdout } = await run(process.execPath, [...WRITE_V8_FLAGS, "-e", "process.stdout.write('ok')"]);
    expect(stdout).toBe("ok");
    await expect(run(process.execPath, ["--heap-growing-percent-typo=50", "-e", "0"])).rejects.toThrow();
  });
});
