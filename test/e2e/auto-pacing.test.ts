import { afterEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { ofType } from "../support/cli.js";
import { configFor, emulator, send, write } from "./write-support.js";

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

/** An emulator that answers 130429 past each number's throughput level, as Meta does. */
async function levelled(level: "STANDARD" | "HIGH"): Promise<RunningEmulator> {
  const emu = await emulator({
    messagesPerSecond: undefined,
    throughputByLevel: true,
    phoneNumbers: { "106540352242922": { throughputLevel: level } },
  });
  running.push(emu);
  return emu;
}

const records = (n: number): string =>
  Array.from({ length: n }, (_, i) => `${send(`1555${String(i).padStart(7, "0")}`)}\n`).join("");

const autoConfig = (emu: RunningEmulator) =>
  configFor(emu, { throughput: { messages_per_second: "auto", max_concurrency: 16, max_retries: 4 } });

function logs(result: Awaited<ReturnType<typeof write>>): string[] {
  return ofType(result, "LOG").map((m) => (m as { log: { message: string } }).log.message);
}

describe("messages_per_second auto", () => {
  it("paces a STANDARD number at its level's 80 messages per second, with no 130429", async () => {
    const emu = await levelled("STANDARD");
    const result = await write(autoConfig(emu), records(200));
    expect(result.code).toBe(0);
    expect(logs(result)).toContain(
      "messages_per_second auto: 106540352242922 has throughput level STANDARD; pacing its sends at 80/s",
    );
    const sends = emu.journal().filter((e) => e.route === "send");
    expect(sends.filter((e) => e.errorCode === 130429)).toEqual([]);
    expect(sends.filter((e) => e.status === 200)).toHaveLength(200);
    // 200 sends at 80/s cannot take less than (200 - 80) / 80 s; a lower bound holds on a slow machine.
    const span = sends.at(-1)!.time - sends[0]!.time;
    expect(span).toBeGreaterThanOrEqual(1200);
  });

  it("reads the level once per sender at the start of the sync and takes HIGH's 1,000 per second", async () => {
    const emu = await levelled("HIGH");
    const result = await write(autoConfig(emu), records(50));
    expect(result.code).toBe(0);
    expect(logs(result)).toContain(
      "messages_per_second auto: 106540352242922 has throughput level HIGH; pacing its sends at 1000/s",
    );
    const lookups = emu.journal().filter((e) => e.route === "phone_number");
    expect(lookups.map((e) => e.path)).toEqual(["/v23.0/106540352242922"]);
    expect(emu.journal().filter((e) => e.errorCode === 130429)).toEqual([]);
  });

  it("keeps a fixed number as it is: no lookup, the configured pace", async () => {
    const emu = await levelled("STANDARD");
    const result = await write(configFor(emu, { throughput: { messages_per_second: "40" } }), records(5));
    expect(result.code).toBe(0);
    expect(emu.journal().filter((e) => e.route === "phone_number")).toEqual([]);
    expect(logs(result).filter((m) => m.includes("auto"))).toEqual([]);
  });
});
