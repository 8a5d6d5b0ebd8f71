import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  compileStandalone,
  loadStandalone,
  runStandalone,
} from "../../../src/commands/standalone-command.js";
import { tempDir } from "../../support/temp-files.js";

/**
 * discover's loader (issue 14): a CommonJS file run with the V8 code a build stored beside it,
 * taken only when V8 accepts it; otherwise the file is compiled, with the same exports.
 */
const dir = tempDir();
afterAll(() => dir.cleanup());

const module = (name: string, body: string): string =>
  dir.file(name, `const { join } = require("node:path");\n${body}\n`);

describe("a standalone command file", () => {
  it("runs as CommonJS: its own require, module.exports, __filename and __dirname", () => {
    const file = module(
      "a.cjs",
      "exports.where = () => join(__dirname, require('node:path').basename(__filename));",
    );
    const { where } = loadStandalone(file) as { where: () => string };
    expect(where()).toBe(file);
  });

  it("takes the code cached for the same source, and the cached run answers the same", () => {
    const file = module("b.cjs", "module.exports = { twice: (n) => n * 2 };");
    const first = compileStandalone(file);
    const exports = runStandalone(first, file) as { twice: (n: number) => number };
    expect(exports.twice(21)).toBe(42);
    writeFileSync(`${file}.cache`, first.createCachedData());
    const cached = compileStandalone(file, first.createCachedData());
    expect(cached.cachedDataRejected).toBe(false);
    expect((loadStandalone(file) as { twice: (n: number) => number }).twice(4)).toBe(8);
  });

  it("compiles as usual when the cache is another file's (a stale build): same answers", () => {
    const other = module("c.cjs", "module.exports = { name: 'other', padding: 'x'.repeat(100) };");
    const file = module("d.cjs", "module.exports = { name: 'current' };");
    const stale = compileStandalone(other).createCachedData();
    writeFileSync(`${file}.cache`, stale);
    expect(compileStandalone(file, stale).cachedDataRejected).toBe(true);
    expect(loadStandalone(file)).toEqual({ name: "current" });
  });

  it("runs without a cache beside it", () => {
    const file = module("e.cjs", "module.exports = { ok: join('a', 'b') };");
    expect(file).toBe(join(dir.path, "e.cjs"));
    expect(loadStandalone(file)).toEqual({ ok: join("a", "b") });
  });
});
