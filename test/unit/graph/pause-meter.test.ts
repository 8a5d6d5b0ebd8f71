import { describe, expect, it } from "vitest";
import { PauseMeter } from "../../../src/graph/pacing/index.js";

describe("PauseMeter", () => {
  it("reports paused wall time: overlapping waits of concurrent calls count once", () => {
    let now = 0;
    const meter = new PauseMeter(() => now);
    // 16 calls wait for the same 1 s window: 1 s paused, not 16 s.
    const ends = Array.from({ length: 16 }, () => meter.begin());
    now = 1_000;
    for (const end of ends) end();
    expect(meter.totalMs).toBe(1_000);
    // A gap with nobody waiting is not paused; a second wait adds its own time.
    now = 5_000;
    const end = meter.begin();
    now = 5_250;
    expect(meter.totalMs).toBe(1_250);
    end();
    end(); // ending twice changes nothing
    now = 9_000;
    expect(meter.totalMs).toBe(1_250);
  });
});
