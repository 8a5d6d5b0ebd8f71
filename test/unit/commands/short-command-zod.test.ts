import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ROOT } from "../../support/cli.js";

/**
 * discover parses without zod's JIT (src/commands/short-command-zod.ts, imported first): the
 * config schema built after it parses the same configs to the same answers and errors.
 */
const sample = JSON.parse(readFileSync(join(ROOT, "integration_tests", "sample_config.json"), "utf8"));
const bad = {
  ...sample,
  waba_id: "x",
  throughput: { ...sample.throughput, max_concurrency: 0 },
  streams: [{ stream_name: "s", endpoint: { template: "publish_flow", flow_id: "abc" } }],
};

type ParseConfig = (raw: unknown, source?: string) => unknown;
const outcomes = (parseConfig: ParseConfig): unknown[] =>
  [sample, bad].map((raw) => {
    try {
      return { config: parseConfig(raw, "config.json") };
    } catch (error) {
      return { error: (error as Error).message };
    }
  });
const freshParseConfig = async (): Promise<ParseConfig> => {
  vi.resetModules();
  return (await import("../../../src/operations/connector-config.js")).parseConfig;
};

afterEach(() => {
  z.config({ jitless: false });
  vi.resetModules();
});

describe("discover's zod setting", () => {
  it("turns the JIT off for the schemas built after it: same configs, same answers, same bad fields", async () => {
    const withJit = outcomes(await freshParseConfig());
    await import("../../../src/commands/short-command-zod.js");
    expect(z.config().jitless).toBe(true);
    expect(outcomes(await freshParseConfig())).toEqual(withJit);
    const error = (withJit[1] as { error: string }).error;
    expect(error).toMatch(/waba_id: must be the numeric/);
    expect(error).toMatch(/streams\[0\]\.endpoint\.flow_id/);
  });
});
