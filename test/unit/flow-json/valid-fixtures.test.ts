import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PUBLISHABLE_FLOW_JSON_VERSIONS, validateFlowJson } from "../../../src/flow-json/index.js";

const dir = join(import.meta.dirname, "../../fixtures/flow-json/valid");
const files = readdirSync(dir).filter((f) => f.endsWith(".json"));

describe("real public Flow JSON samples", () => {
  it("has fixtures for several versions", () => {
    const versions = new Set(
      files.map((f) => (JSON.parse(readFileSync(join(dir, f), "utf8")) as { version: string }).version),
    );
    expect(files.length).toBeGreaterThanOrEqual(8);
    expect(versions.size).toBeGreaterThanOrEqual(6);
  });

  it.each(files)("%s passes as text and as an object, also when publishing matters", (file) => {
    const text = readFileSync(join(dir, file), "utf8");
    const fromText = validateFlowJson(text);
    expect(fromText.errors).toEqual([]);
    expect(fromText.valid).toBe(true);
    expect(validateFlowJson(JSON.parse(text) as object).errors).toEqual([]);
    const version = (JSON.parse(text) as { version: string }).version;
    const publishable = validateFlowJson(text, { requirePublishable: true });
    expect(publishable.valid).toBe(PUBLISHABLE_FLOW_JSON_VERSIONS.has(version));
  });
});
