import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { parseWithoutJit } from "../../../src/commands/short-command-zod.js";
import { parseConfig } from "../../../src/operations/index.js";
import { ROOT } from "../../support/cli.js";

/** discover and check parse without zod's JIT: the same configs, the same answers and errors. */
const sample = JSON.parse(readFileSync(join(ROOT, "integration_tests", "sample_config.json"), "utf8"));
const bad = {
  ...sample,
  waba_id: "x",
  throughput: { ...sample.throughput, max_concurrency: 0 },
  streams: [{ stream_name: "s", endpoint: { template: "publish_flow", flow_id: "abc" } }],
};

function outcome(raw: unknown): unknown {
  try {
    return { config: parseConfig(raw, "config.json") };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

afterEach(() => {
  z.config({ jitless: false });
});

describe("parseWithoutJit (discover's and check's zod setting)", () => {
  it("parses a config to what the JIT parses it to, and names the same bad fields", () => {
    const withJit = [outcome(sample), outcome(bad)];
    parseWithoutJit();
    expect(z.config().jitless).toBe(true);
    expect([outcome(sample), outcome(bad)]).toEqual(withJit);
    expect((withJit[1] as { error: string }).error).toMatch(/waba_id: must be the numeric/);
    expect((withJit[1] as { error: string }).error).toMatch(/streams\[0\]\.endpoint\.flow_id/);
  });
});
