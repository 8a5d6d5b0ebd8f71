import { describe, expect, it } from "vitest";
import { figuresOf } from "./support/figures.js";

interface Timing {
  allowedSeconds: number;
  timeRatio: number;
  steadyTimeRatio: number;
  busiestSliding: number;
  busiestAligned: number;
}
const { campaignTiming, chosenRate } = (await import(
  new URL("../../../bench/sections/campaign.mjs", import.meta.url).href
)) as {
  campaignTiming(records: number, rate: number, seconds: number, times: number[]): Timing;
  chosenRate(logs: string[]): number | undefined;
};

/** Arrival times (ms) of `n` sends spaced `gapMs` apart from `start`. */
const spaced = (n: number, gapMs: number, start = 0): number[] =>
  Array.from({ length: n }, (_, i) => start + Math.round(i * gapMs));

describe("bench campaign timing", () => {
  it("is the time the level allows (records / rate) over the time taken, wall and journal span", () => {
    // 2,000 sends 1 ms apart: exactly the HIGH level's pace, and a wall time 0.5 s longer.
    const t = campaignTiming(2000, 1000, 2.5, spaced(2000, 1, 1_000_000));
    expect(t.allowedSeconds).toBe(2);
    expect(t.timeRatio).toBeCloseTo(1.25, 6);
    expect(t.steadyTimeRatio).toBeCloseTo(1, 6);
    expect(t.busiestSliding).toBe(1000);
    expect(t.busiestAligned).toBe(1000);
  });

  it("a pace over the level shows in the busiest windows and a ratio under 1", () => {
    const t = campaignTiming(2000, 1000, 1.6, spaced(2000, 0.8));
    expect(t.steadyTimeRatio).toBeCloseTo(0.8, 3);
    expect(t.busiestSliding).toBe(1250);
  });

  it("reads the rate auto chose from the sync's log, and none when it logged none", () => {
    const note =
      "messages_per_second auto: 106540352242922 has throughput level HIGH; pacing its sends at 1000/s";
    expect(chosenRate(["Starting", note])).toBe(1000);
    expect(chosenRate(["Summary: 10 sent"])).toBeUndefined();
  });
});

describe("bench campaign figures", () => {
  const section = (timeRatio: number, limited: number) => ({
    records: 100_000,
    level: "HIGH",
    rate: 1000,
    allowedSeconds: 100,
    seconds: 100 * timeRatio,
    timeRatio,
    spanSeconds: 99.9,
    steadyTimeRatio: 1.001,
    busiestSliding: 1000,
    busiestAligned: 1000,
    limited,
  });

  it("are the time within 2 %, the windows at most the level's rate and no 130429", () => {
    const figures = figuresOf({ campaign: section(1.015, 0) });
    expect(figures.map((f) => f.name)).toEqual([
      "campaign.time_ratio",
      "campaign.steady_time_ratio",
      "campaign.busiest_sliding",
      "campaign.busiest_aligned",
      "campaign.rate_limited",
    ]);
    expect(figures[0]).toMatchObject({ measured: 1.015, target: { min: 0.98, max: 1.02 }, ok: true });
    expect(figures.every((f) => f.ok === true)).toBe(true);
  });

  it("a campaign 3 % slow, or one that met 130429, misses", () => {
    const figures = figuresOf({ campaign: section(1.03, 4) });
    expect(figures.find((f) => f.name === "campaign.time_ratio")?.ok).toBe(false);
    expect(figures.find((f) => f.name === "campaign.rate_limited")).toMatchObject({ measured: 4, ok: false });
  });
});
