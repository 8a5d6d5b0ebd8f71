import { describe, expect, it } from "vitest";
import { figuresOf } from "./support/figures.js";

interface Window {
  count: number;
  at: number;
}
const { pacingFigures } = (await import(
  new URL("../../../bench/sections/pacing.mjs", import.meta.url).href
)) as {
  pacingFigures(
    rate: number,
    times: number[],
  ): { accuracy: number; firstSecond: Window; afterFirstSecond: Window; aligned: number };
};

/** Arrival times (ms) of `n` sends spaced `gapMs` apart from `start`. */
const spaced = (n: number, gapMs: number, start = 0): number[] =>
  Array.from({ length: n }, (_, i) => start + Math.round(i * gapMs));

describe("bench pacing figures", () => {
  it("count a bunched first second apart from the later ones, sliding and aligned", () => {
    // 10/s, but the first three sends arrive together 40 ms late: the window from the first
    // arrival holds 11.
    const times = [40, 40, 40, ...spaced(57, 100, 300)];
    const f = pacingFigures(10, times);
    expect(f.firstSecond).toEqual({ count: 11, at: 0 });
    expect(f.afterFirstSecond.count).toBe(10);
    expect(f.aligned).toBe(10);
  });

  it("achieved is (n - 1) sends over the span between the first and the last", () => {
    expect(pacingFigures(80, spaced(961, 12.5)).accuracy).toBeCloseTo(1, 6);
    expect(pacingFigures(80, spaced(961, 12.5 / 0.98)).accuracy).toBeCloseTo(0.98, 3);
  });
});

describe("bench/results.json figures", () => {
  const pacingRun = (accuracy: number, busiest: number) => ({
    configured: 80,
    records: 960,
    achieved: 80 * accuracy,
    accuracy,
    firstSecond: { count: busiest, at: 0 },
    afterFirstSecond: { count: 80, at: 4000 },
    aligned: 80,
  });

  it("have one stable shape: name, measured, unit, target, ok, detail", () => {
    const figures = figuresOf({
      pacing: { runs: [pacingRun(0.995, 80)] },
      startup: { runs: 15, nodeMs: 40, commands: { spec: { measured: true, ms: 60, ratio: 1.5 } } },
    });
    expect(figures.map((f) => f.name)).toEqual([
      "pacing.80.achieved",
      "pacing.80.busiest_sliding_first_second",
      "pacing.80.busiest_sliding_after_first_second",
      "pacing.80.busiest_aligned",
      "startup.spec.ratio",
    ]);
    for (const f of figures)
      expect(Object.keys(f).sort()).toEqual(["detail", "measured", "name", "ok", "target", "unit"]);
    expect(figures[0]).toMatchObject({ measured: 99.5, unit: "%", target: { min: 99, max: 100 }, ok: true });
    expect(figures[4]).toMatchObject({ measured: 1.5, unit: "x", target: { max: 1.5 }, ok: true });
  });

  it("start-up: each command has its own target; the warm-cache figure is information, without one", () => {
    const figures = figuresOf({
      startup: {
        runs: 15,
        nodeMs: 40,
        commands: {
          spec: { measured: true, ms: 64, ratio: 1.6, warmCacheMs: 56, warmCacheRatio: 1.4 },
          discover: { measured: true, ms: 96, ratio: 2.4, warmCacheMs: 80, warmCacheRatio: 2 },
        },
      },
    });
    const by = (name: string) => figures.find((f) => f.name === name)!;
    expect(by("startup.spec.ratio")).toMatchObject({ measured: 1.6, target: { max: 1.5 }, ok: false });
    expect(by("startup.discover.ratio")).toMatchObject({ measured: 2.4, target: { max: 2.5 }, ok: true });
    expect(by("startup.spec.warm_cache_ratio")).toMatchObject({ measured: 1.4, target: null, ok: null });
  });

  it("start-up: the HTTP client's own floor comes first, as information without a target", () => {
    const figures = figuresOf({
      startup: {
        runs: 15,
        nodeMs: 40,
        httpClientFloor: { ms: 140, ratio: 3.5 },
        commands: { discover: { measured: true, ms: 240, ratio: 6 } },
      },
    });
    expect(figures.map((f) => f.name)).toEqual(["startup.http_client_floor.ratio", "startup.discover.ratio"]);
    expect(figures[0]).toMatchObject({ measured: 3.5, unit: "x", target: null, ok: null });
    expect(figures[0]!.detail).toContain("140 ms");
  });

  it("a missed target is ok: false; a figure not measured is null with the reason", () => {
    const figures = figuresOf({
      pacing: { runs: [pacingRun(0.98, 81)] },
      startup: {
        runs: 15,
        nodeMs: 40,
        commands: { discover: { measured: false, reason: "this build has no discover command" } },
      },
    });
    const by = (name: string) => figures.find((f) => f.name === name)!;
    expect(by("pacing.80.achieved").ok).toBe(false);
    expect(by("pacing.80.busiest_sliding_first_second")).toMatchObject({
      measured: 81,
      target: { max: 80 },
      ok: false,
    });
    expect(by("startup.discover.ratio")).toMatchObject({ measured: null, ok: null });
    expect(by("startup.discover.ratio").detail).toContain("no discover command");
  });
});
