import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import module from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { CLI, ROOT } from "../support/cli.js";
import { tempDir } from "../support/temp-files.js";

/**
 * The CLI turns on Node's own compile cache where the Node has one (22.1 and later; the image's
 * Node 24 does): without NODE_COMPILE_CACHE it lands under os.tmpdir(). A cache Node cannot use
 * changes nothing but the time.
 */
const run = promisify(execFile);
const dir = tempDir();
afterAll(() => dir.cleanup());

const nodeHasCompileCache =
  typeof (module as { enableCompileCache?: unknown }).enableCompileCache === "function";

/** The environment of a run: this one's, without a compile cache setting of its own, plus `extra`. */
function environment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { NODE_COMPILE_CACHE: _cache, NODE_DISABLE_COMPILE_CACHE: _disabled, ...rest } = process.env;
  return { ...rest, ...extra };
}

async function spec(env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await run(process.execPath, [CLI, "spec"], { cwd: ROOT, env, timeout: 60_000 });
  return stdout;
}

/** Every file below `root` (none when it does not exist). */
function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
}

describe("the compile cache", () => {
  it("stores the modules a run compiled under os.tmpdir() on a Node that has one, and answers the same from it", async () => {
    const tmp = dir.path;
    const first = await spec(environment({ TMPDIR: tmp }));
    const cached = filesUnder(join(tmp, "node-compile-cache"));
    if (nodeHasCompileCache) expect(cached.length).toBeGreaterThan(0);
    else expect(cached).toEqual([]);
    expect(await spec(environment({ TMPDIR: tmp }))).toBe(first);
    expect(JSON.parse(first)).toMatchObject({ type: "SPEC" });
  });

  it("answers the same when the cache's directory cannot be made", async () => {
    const blocked = join(dir.file("not-a-directory", "a file"), "cache");
    const answer = await spec(environment({ NODE_COMPILE_CACHE: blocked }));
    expect(answer).toBe(await spec(environment({ NODE_DISABLE_COMPILE_CACHE: "1" })));
  });
});
