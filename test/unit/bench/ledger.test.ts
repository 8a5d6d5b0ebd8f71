import { describe, expect, it } from "vitest";
import { figuresOf } from "./support/figures.js";

/**
 * One ledger section's numbers: CPU per send without and with, the run paced at 1,000/s and the
 * one to four senders at 80/s each.
 */
function ledger({ cpuWith = 230, accuracy = 0.995, pacedPuts = 42, sendersAccuracy = 0.993 } = {}) {
  const run = (cpuUsPerSend: number, puts: number, records: number) => ({
    records,
    seconds: records / 1000,
    cpuUsPerSend,
    puts,
    putsPer1000Sends: (puts * 1000) / records,
    putsPerSecond: puts / (records / 1000),
    sendRate: 1000 * accuracy,
  });
  return {
    records: 20_000,
    pacedRate: 1000,
    without: run(200, 0, 20_000),
    with: run(cpuWith, 30, 20_000),
    paced: {
      ...run(cpuWith, pacedPuts, 10_000),
      pacing: { achieved: 1000 * accuracy, accuracy },
    },
    senders: {
      ...run(cpuWith, 60, 3_000),
      count: 4,
      rate: 80,
      pacing: { achieved: 320 * sendersAccuracy, accuracy: sendersAccuracy },
    },
  };
}

describe("bench ledger figures", () => {
  it("are the paced runs' achieved rates (one sender, four), PUTs per 1,000 sends and the CPU per send ratio", () => {
    const figures = figuresOf({ ledger: ledger() });
    expect(figures.map((f) => f.name)).toEqual([
      "ledger.paced_1000.achieved",
      "ledger.senders_4x80.achieved",
      "ledger.puts_per_1000_sends",
      "ledger.cpu_per_send_ratio",
      "ledger.puts_per_second_at_1000",
    ]);
    const by = (name: string) => figures.find((f) => f.name === name)!;
    expect(by("ledger.paced_1000.achieved")).toMatchObject({
      measured: 99.5,
      target: { min: 99, max: 100 },
      ok: true,
    });
    expect(by("ledger.senders_4x80.achieved")).toMatchObject({ measured: 99.3, ok: true });
    expect(by("ledger.puts_per_1000_sends")).toMatchObject({ measured: 4.2, target: { max: 25 }, ok: true });
    expect(by("ledger.cpu_per_send_ratio")).toMatchObject({ measured: 1.15, target: { max: 1.3 }, ok: true });
    expect(by("ledger.puts_per_second_at_1000")).toMatchObject({
      measured: 4.2,
      target: { max: 20 },
      ok: true,
    });
  });

  it("a slow paced run, senders held to one's pace, more than 25 PUTs per 1,000 sends (20 a second) or 1.3x the CPU each miss", () => {
    const figures = figuresOf({
      ledger: ledger({ cpuWith: 270, accuracy: 0.98, pacedPuts: 260, sendersAccuracy: 0.42 }),
    });
    expect(figures.map((f) => f.ok)).toEqual([false, false, false, false, false]);
  });
});

describe("bench crash figures", () => {
  const run = (rate: number, ambiguousPerKill: number, neverSentShare: number, sentTwice = 0) => ({
    rate,
    records: 3000,
    kills: 30,
    seed: 1,
    ambiguous: ambiguousPerKill * 30,
    ambiguousPerKill,
    worstKill: 2 * ambiguousPerKill,
    neverSent: Math.round(ambiguousPerKill * 30 * neverSentShare),
    neverSentShare,
    sentTwice,
    puts: 600,
    putsPerSecond: 10,
    seconds: 60,
  });

  it("hold each pace to its bound on ambiguous per kill, 80/s to a quarter never sent, and nobody twice", () => {
    const figures = figuresOf({ crash: { runs: { 80: run(80, 12, 0.2), 1000: run(1000, 160, 0.5, 1) } } });
    const ok = Object.fromEntries(figures.map((f) => [f.name, f.ok]));
    expect(ok).toEqual({
      "crash.80.ambiguous_per_kill": true,
      "crash.80.never_sent_share": true,
      "crash.80.sent_twice": true,
      "crash.80.ledger_puts_per_second": true,
      "crash.1000.ambiguous_per_kill": false,
      "crash.1000.never_sent_share": null,
      "crash.1000.sent_twice": false,
      "crash.1000.ledger_puts_per_second": true,
    });
  });
});
