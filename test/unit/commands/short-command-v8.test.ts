import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { SHORT_COMMAND_V8_FLAGS } from "../../../src/commands/short-command-v8.js";

const run = promisify(execFile);

describe("discover's and check's V8 settings", () => {
  // setFlagsFromString ignores a flag V8 does not know; on the command line Node refuses it.
  it("are all known to this Node's V8 (a renamed flag would silently bring back the exit wait)", async () => {
    const { stdout } = await run(process.execPath, [
      ...SHORT_COMMAND_V8_FLAGS,
      "-e",
      "process.stdout.write('ok')",
    ]);
    expect(stdout).toBe("ok");
    await expect(run(process.execPath, ["--liftoff-only-typo", "-e", "0"])).rejects.toThrow();
  });
});
