import { describe, expect, it } from "vitest";
import { figuresOf } from "./support/figures.js";

const side = (rate: number, cpuUsPerRecord: number) => ({ rate, spanRate: rate, cpuUsPerRecord });

describe("bench throughput figures", () => {
  it("hold CPU per record to 1.6x the bare client, and report the whole-run rates as information without a target", () => {
    const throughput = {
      records: 100_000,
      concurrency: 16,
      connector: side(7_000, 130),
      ceiling: side(18_000, 45),
      ratio: 7_000 / 18_000,
      spanRatio: 7_000 / 18_000,
    };
    const by = Object.fromEntries(figuresOf({ throughput }).map((f) => [f.name, f]));
    expect(by["throughput.ratio"]).toMatchObject({ target: null, ok: null });
    expect(by["throughput.steady_ratio"]).toMatchObject({ target: null, ok: null });
    expect(by["throughput.cpu_per_record_ratio"]).toMatchObject({ target: { max: 1.6 }, ok: false });
  });
});
