import type { Script } from "node:vm";

/**
 * A command bundled on its own as one CommonJS file (scripts/bundle.mjs: `discover`), run from V8
 * code compiled at build time. Node 20 has no code cache for ES modules; compiling discover's
 * 1.1 MB and the functions its run calls was ~20 ms of each start (issue 14). The build runs the
 * command once and stores V8's code beside the file (`<file>.cache`, scripts/code-cache.mjs);
 * V8 takes it only for the same source, V8 version and flags, and otherwise compiles as usual
 * (another Node, a changed file): a slower start, never a different answer.
 */
const HEAD = "(function (exports, require, module, __filename, __dirname) {";
const TAIL = "\n})";

/** The file compiled as Node wraps a CommonJS module, with V8's cached code when it is given. */
export function compileStandalone(file: string, cachedData?: Buffer): Script {
  const { readFileSync } = process.getBuiltinModule("node:fs");
  const { Script } = process.getBuiltinModule("node:vm");
  const source = `${HEAD}${readFileSync(file, "utf8")}${TAIL}`;
  return new Script(source, { filename: file, ...(cachedData === undefined ? {} : { cachedData }) });
}

/** Runs a compiled standalone file and returns its exports. */
export function runStandalone(script: Script, file: string): unknown {
  const { createRequire } = process.getBuiltinModule("node:module");
  const { dirname } = process.getBuiltinModule("node:path");
  const module = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}

/** The exports of a standalone file, from its build-time code when V8 accepts it. */
export function loadStandalone(file: string): unknown {
  const { readFileSync } = process.getBuiltinModule("node:fs");
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    cachedData = undefined; // no cache shipped: compiled as every module is
  }
  return runStandalone(compileStandalone(file, cachedData), file);
}
