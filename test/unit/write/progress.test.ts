import { describe, expect, it } from "vitest";
import type { OutputMessage } from "../../../src/protocol/index.js";
import { ProgressReporter } from "../../../src/write/progress.js";
import { StreamStats } from "../../../src/write/stream-stats.js";

function messages(out: OutputMessage[]): string[] {
  return out.map((m) => String((m as { log?: { message: string } }).log?.message));
}

describe("ProgressReporter", () => {
  it("reports each active stream once a tick, with counts, rate and pacing, and skips idle ones", () => {
    let now = 0;
    const out: OutputMessage[] = [];
    const invites = new StreamStats("invites");
    const idle = new StreamStats("idle");
    const reporter = new ProgressReporter(
      new Map([
        ["invites", invites],
        ["idle", idle],
      ]),
      {
        intervalMs: 10_000,
        emit: (m) => out.push(m),
        now: () => now,
        clientTotals: () => ({ pacedMs: 1500 }),
      },
    );
    invites.records = 900;
    invites.count("succeeded", { retries: 1 });
    for (let i = 0; i < 799; i++) invites.count("succeeded", { retries: 0 });
    invites.count("rejected", { retries: 0 });
    invites.count("ambiguous", { retries: 0 });
    now = 10_000;
    reporter.tick();
    expect(messages(out)).toEqual([
      'Progress: stream "invites": 900 read, 800 sent, 1 rejected, 1 ambiguous, 1 retry, 80.2 records/s; whole sync: 1 retry, 1500 ms paused by pacing',
    ]);
    // Nothing new since the last line: no line at all.
    now = 20_000;
    reporter.tick();
    expect(out).toHaveLength(1);
  });

  it("ends with one summary line per stream that had records, then the totals", () => {
    let now = 0;
    const out: OutputMessage[] = [];
    const a = new StreamStats("a");
    const reporter = new ProgressReporter(
      new Map([
        ["a", a],
        ["b", new StreamStats("b")],
      ]),
      {
        intervalMs: 10_000,
        emit: (m) => out.push(m),
        now: () => now,
      },
    );
    a.records = 2;
    a.count("succeeded", { retries: 0 });
    a.count("succeeded", { retries: 0 });
    now = 4_000;
    reporter.summary("Summary");
    expect(messages(out)).toEqual([
      'Summary: stream "a": 2 read, 2 sent, 0 rejected, 0 ambiguous, 0 retries, 0.5 records/s',
      "Summary: 2 records read in 4.0 s, 0.5 records/s",
    ]);
    expect(out.every((m) => (m as { log?: { level: string } }).log?.level === "INFO")).toBe(true);
  });

  it("counts retries the same way in the stream lines and the whole-sync total", () => {
    const out: OutputMessage[] = [];
    const a = new StreamStats("a");
    const b = new StreamStats("b");
    const reporter = new ProgressReporter(
      new Map([
        ["a", a],
        ["b", b],
      ]),
      {
        intervalMs: 10_000,
        emit: (m) => out.push(m),
        now: () => 1_000,
        clientTotals: () => ({ pacedMs: 0 }),
      },
    );
    a.records = 2;
    a.count("succeeded", { retries: 2 });
    a.count("rejected", { retries: 1 });
    b.records = 1;
    b.count("ambiguous", { retries: 3 });
    reporter.tick();
    const lines = messages(out);
    expect(lines[0]).toContain('stream "a": 2 read, 1 sent, 1 rejected, 0 ambiguous, 3 retries');
    expect(lines[1]).toContain('stream "b": 1 read, 0 sent, 0 rejected, 1 ambiguous, 3 retries');
    expect(lines[0]).toContain("whole sync: 6 retries");
  });

  it("summary of a sub-second sync: one record, singular, and a duration that matches the rates", () => {
    const a = new StreamStats("a");
    a.records = 1;
    a.count("succeeded", { retries: 0 });
    // Before: "1 records read in 0.0 s" under a stream line of 66.7 records/s.
    expect(summaryAfter(15, [a])).toEqual([
      'Summary: stream "a": 1 read, 1 sent, 0 rejected, 0 ambiguous, 0 retries, 66.7 records/s',
      "Summary: 1 record read in 15 ms, 66.7 records/s",
    ]);
  });

  it("the totals' rate is the stream lines' rates summed", () => {
    const a = new StreamStats("a");
    const b = new StreamStats("b");
    a.records = 3;
    for (let i = 0; i < 3; i++) a.count("succeeded", { retries: 0 });
    b.records = 1;
    b.count("rejected", { retries: 0 });
    const lines = summaryAfter(2_000, [a, b]);
    expect(lines[0]).toMatch(/, 1\.5 records\/s$/);
    expect(lines[1]).toMatch(/, 0\.5 records\/s$/);
    expect(lines[2]).toBe("Summary: 4 records read in 2.0 s, 2.0 records/s");
  });
});

/** The summary lines of streams whose sync took `elapsedMs` (the reporter starts at 0). */
function summaryAfter(elapsedMs: number, streams: readonly StreamStats[]): string[] {
  let now = 0;
  const out: OutputMessage[] = [];
  const byLabel = new Map(streams.map((stats) => [stats.label, stats]));
  const reporter = new ProgressReporter(byLabel, {
    intervalMs: 10_000,
    emit: (m) => out.push(m),
    now: () => now,
  });
  now = elapsedMs;
  reporter.summary("Summary");
  return messages(out);
}
