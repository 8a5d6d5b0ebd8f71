import { describe, expect, it } from "vitest";
import { KeyedQueue } from "../../../src/write/index.js";

describe("KeyedQueue", () => {
  it("runs one key in push order, different keys in parallel, never above the bound", async () => {
    const started: string[] = [];
    const pending = new Map<string, () => void>();
    let running = 0;
    let maxRunning = 0;
    const queue = new KeyedQueue<string>(2, (job, done) => {
      started.push(job);
      running++;
      maxRunning = Math.max(maxRunning, running);
      pending.set(job, () => {
        running--;
        done();
      });
    });
    for (const job of ["a1", "a2", "b1", "a3", "c1", "b2"]) queue.push(job[0]!, job);
    expect(started).toEqual(["a1", "b1"]);
    expect(queue.queued).toBe(4);
    pending.get("a1")!();
    expect(started).toEqual(["a1", "b1", "c1"]);
    pending.get("b1")!();
    pending.get("c1")!();
    expect(started).toEqual(["a1", "b1", "c1", "a2", "b2"]);
    pending.get("b2")!();
    pending.get("a2")!();
    pending.get("a3")!();
    expect(started.filter((j) => j.startsWith("a"))).toEqual(["a1", "a2", "a3"]);
    expect(maxRunning).toBe(2);
    expect(queue.running).toBe(0);
    expect(queue.queued).toBe(0);
  });

  it("clear drops the jobs not started and refuses new ones", () => {
    const queue = new KeyedQueue<number>(1, () => {});
    queue.push("k", 1);
    queue.push("k", 2);
    queue.push("j", 3);
    expect(queue.clear()).toEqual([2, 3]);
    expect(() => queue.push("k", 4)).toThrow();
  });
});
