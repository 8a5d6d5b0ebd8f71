import { describe, expect, it } from "vitest";
import { TimeRing } from "../../../src/graph/pacing/time-ring.js";

describe("TimeRing (a lane's last events)", () => {
  it("gives the k-th latest time, and nothing before k were pushed", () => {
    const ring = new TimeRing(3);
    expect(ring.latest(1)).toBeUndefined();
    ring.push(10);
    ring.push(20);
    expect(ring.latest(1)).toBe(20);
    expect(ring.latest(2)).toBe(10);
    expect(ring.latest(3)).toBeUndefined();
    expect(ring.latest(0)).toBeUndefined();
  });

  it("keeps only the last `size` times once it wraps around", () => {
    const ring = new TimeRing(3);
    for (const t of [1, 2, 3, 4, 5]) ring.push(t);
    expect([ring.latest(1), ring.latest(2), ring.latest(3)]).toEqual([5, 4, 3]);
    expect(ring.latest(4)).toBeUndefined();
  });
});
