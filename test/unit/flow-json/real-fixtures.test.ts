import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PUBLISHABLE_FLOW_JSON_VERSIONS, validateFlowJson } from "../../../src/flow-json/index.js";

const root = join(import.meta.dirname, "../../fixtures/flow-json");
const sources = readFileSync(join(root, "SOURCES.md"), "utf8");
const list = (dir: string) => readdirSync(join(root, dir)).filter((f) => f.endsWith(".json"));
const real = list("real");
const handWritten = list("hand-written");
const versionOf = (text: string) => (JSON.parse(text) as { version: string }).version;

/** A Flow Meta accepts must pass: no errors as text, as an object, and publishable when its version is. */
function expectNoReject(dir: string, file: string): void {
  const text = readFileSync(join(root, dir, file), "utf8");
  const fromText = validateFlowJson(text);
  expect(fromText.errors).toEqual([]);
  expect(fromText.valid).toBe(true);
  expect(validateFlowJson(JSON.parse(text) as object).errors).toEqual([]);
  const publishable = validateFlowJson(text, { requirePublishable: true });
  expect(publishable.valid).toBe(PUBLISHABLE_FLOW_JSON_VERSIONS.has(versionOf(text)));
}

describe("real public Flow JSON files (test/fixtures/flow-json/real): 0 rejects", () => {
  it("covers versions 2.1 to 7.3 with at least 47 files, each attributed in SOURCES.md", () => {
    const versions = new Set(real.map((f) => versionOf(readFileSync(join(root, "real", f), "utf8"))));
    expect(real.length).toBeGreaterThanOrEqual(47);
    for (const v of ["2.1", "3.0", "3.1", "4.0", "5.0", "5.1", "6.0", "6.2", "7.0", "7.2", "7.3"]) {
      expect(versions).toContain(v);
    }
    for (const file of real) expect(sources).toContain(`real/${file}`);
  });

  it.each(real)("%s is not rejected", (file) => expectNoReject("real", file));
});

describe("hand-written Flow JSON from Meta's documentation pages", () => {
  it.each(handWritten)("%s is not rejected", (file) => expectNoReject("hand-written", file));
});
