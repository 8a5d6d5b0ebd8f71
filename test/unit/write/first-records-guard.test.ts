import { describe, expect, it } from "vitest";
import type { ConfigLevelCause } from "../../../src/errors/index.js";
import {
  FIRST_RECORDS_GUARDED,
  FirstRecordsGuard,
  type GuardedOutcome,
  type GuardStep,
} from "../../../src/write/first-records-guard.js";

const cause = (name: string): ConfigLevelCause => ({
  key: `template:${name}`,
  problem: `template "${name}" (en_US) does not exist in WhatsApp Business Account 1`,
  hint: "Check template_name",
});
const rejectedFor = (name: string): GuardedOutcome => ({ kind: "rejected", cause: cause(name) });
const recordLevel: GuardedOutcome = { kind: "rejected", cause: undefined };
const succeeded: GuardedOutcome = { kind: "succeeded" };

/** Feeds outcomes for records 1, 2, … of one stream; the steps, in order. */
function feed(guard: FirstRecordsGuard<number>, outcomes: readonly GuardedOutcome[], stream = "campaign") {
  return outcomes.map((outcome, i) => guard.observe(stream, i + 1, outcome, i + 1));
}
const kinds = (steps: readonly GuardStep<number>[]) => steps.map((step) => step.kind);

describe("the first-records guard: a stream whose first records all fail for one config cause stops", () => {
  it("reads the first 10 records by default", () => {
    expect(FIRST_RECORDS_GUARDED).toBe(10);
  });

  it("stops at the Nth rejection for the same cause, naming the stream and the cause; the others were held", () => {
    const guard = new FirstRecordsGuard<number>(4);
    const steps = feed(
      guard,
      [1, 2, 3, 4].map(() => rejectedFor("welcom_flow")),
    );
    expect(kinds(steps)).toEqual(["hold", "hold", "hold", "stop"]);
    const stop = steps[3] as Extract<GuardStep<number>, { kind: "stop" }>;
    expect(stop.held).toEqual([1, 2, 3]);
    expect(stop.error.failureType).toBe("config_error");
    expect(stop.error.message).toContain('Stream "campaign": its first 4 records were all rejected');
    expect(stop.error.message).toContain('template "welcom_flow" (en_US) does not exist');
    expect(stop.error.message).toContain("Check template_name");
    expect(guard.heldCount).toBe(0);
  });

  it("never stops when a success is among the first records, and releases what it held", () => {
    const guard = new FirstRecordsGuard<number>(4);
    const steps = feed(guard, [
      rejectedFor("t"),
      rejectedFor("t"),
      succeeded,
      rejectedFor("t"),
      rejectedFor("t"),
    ]);
    expect(kinds(steps)).toEqual(["hold", "hold", "release", "pass", "pass"]);
    expect((steps[2] as Extract<GuardStep<number>, { kind: "release" }>).held).toEqual([1, 2]);
  });

  it("never stops on a mix of causes", () => {
    const guard = new FirstRecordsGuard<number>(3);
    const steps = feed(guard, [rejectedFor("a"), rejectedFor("b"), rejectedFor("a"), rejectedFor("a")]);
    expect(kinds(steps)).toEqual(["hold", "release", "pass", "pass"]);
  });

  it("never stops on record-level rejections (a bad phone number, 131026, a missing field)", () => {
    const guard = new FirstRecordsGuard<number>(3);
    expect(kinds(feed(guard, [recordLevel, recordLevel, recordLevel, recordLevel]))).toEqual([
      "release",
      "pass",
      "pass",
      "pass",
    ]);
    const mixed = new FirstRecordsGuard<number>(3);
    expect(kinds(feed(mixed, [rejectedFor("t"), recordLevel, rejectedFor("t")]))).toEqual([
      "hold",
      "release",
      "pass",
    ]);
  });

  it("an ambiguous send among the first records clears the stream (it may have been delivered)", () => {
    const guard = new FirstRecordsGuard<number>(2);
    expect(kinds(feed(guard, [rejectedFor("t"), { kind: "ambiguous" }, rejectedFor("t")]))).toEqual([
      "hold",
      "release",
      "pass",
    ]);
  });

  it("reads outcomes in any order: only the first N records count, a later success clears", () => {
    const guard = new FirstRecordsGuard<number>(3);
    // Record 5 is rejected first: it is not one of the first 3 and neither holds nor counts.
    expect(guard.observe("s", 5, rejectedFor("t"), 5).kind).toBe("pass");
    expect(guard.observe("s", 2, rejectedFor("t"), 2).kind).toBe("hold");
    expect(guard.observe("s", 4, succeeded, 4)).toEqual({ kind: "release", held: [2] });
    expect(guard.observe("s", 1, rejectedFor("t"), 1).kind).toBe("pass");
  });

  it("keeps streams apart", () => {
    const guard = new FirstRecordsGuard<number>(2);
    expect(guard.observe("a", 1, rejectedFor("t"), 1).kind).toBe("hold");
    expect(guard.observe("b", 1, succeeded, 2).kind).toBe("release");
    expect(guard.observe("a", 2, rejectedFor("t"), 3).kind).toBe("stop");
  });

  it("at the input's end, stops on the first stream whose every record was held, with all of them", () => {
    const guard = new FirstRecordsGuard<number>(10);
    feed(guard, [rejectedFor("t"), rejectedFor("t")], "a");
    feed(guard, [rejectedFor("u")], "b");
    const stop = guard.stopAtEnd();
    expect(stop?.held).toEqual([1, 2]);
    expect(stop?.error.message).toMatch(/^Stream "a": all its 2 records were rejected because /);
    expect(guard.heldCount).toBe(1);
    expect(guard.stopAtEnd()?.error.message).toMatch(/^Stream "b": all its 1 record was rejected /);
    expect(guard.stopAtEnd()).toBeUndefined();
  });

  it("hands over every held record, each stream cleared (when the sync stops for another reason)", () => {
    const guard = new FirstRecordsGuard<number>(10);
    feed(guard, [rejectedFor("t"), rejectedFor("t")], "a");
    feed(guard, [rejectedFor("u")], "b");
    expect(guard.heldCount).toBe(3);
    expect(guard.takeHeld().sort()).toEqual([1, 1, 2]);
    expect(guard.heldCount).toBe(0);
    expect(guard.observe("a", 3, rejectedFor("t"), 3).kind).toBe("pass");
  });
});
