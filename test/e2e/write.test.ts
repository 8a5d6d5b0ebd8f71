import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import {
  acceptedSends,
  configFor,
  deprecate,
  emulator,
  globalState,
  legacyState,
  lines,
  send,
  states,
  streamState,
  TO_DEPRECATE,
  trace,
  write,
} from "./write-support.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => emu.reset());

const phone = (i: number) => `1555000${String(i).padStart(4, "0")}`;

describe("write (built CLI against the emulator)", () => {
  it("a multi-stream sync with interleaved STREAM states echoes each once, in stream order, with counts", async () => {
    const result = await write(
      configFor(emu),
      lines(
        send(phone(1)),
        deprecate(TO_DEPRECATE[0]!),
        send(phone(2), "bulk", "crm"),
        streamState("invites", 1),
        send(phone(3)),
        deprecate(TO_DEPRECATE[1]!),
        streamState("retired", 1),
        streamState("bulk", 1, "crm"),
        send(phone(4)),
        streamState("invites", 2),
      ),
    );
    expect(result.code).toBe(0);
    const echoed = states(result);
    expect(echoed).toHaveLength(4);
    const invites = echoed.filter((s) => JSON.stringify(s.state).includes('"invites"'));
    expect(
      invites.map((s) => (s.state.stream as { stream_state: { cursor: number } }).stream_state.cursor),
    ).toEqual([1, 2]);
    expect(invites.map((s) => s.state.destinationStats.recordCount)).toEqual([1, 2]);
    const bulk = echoed.find((s) => JSON.stringify(s.state).includes('"crm"'))!;
    expect(bulk.state.destinationStats).toEqual({ recordCount: 1 });
    expect(bulk.state.stream).toEqual({
      stream_descriptor: { name: "bulk", namespace: "crm" },
      stream_state: { cursor: 1 },
    });
    expect([...acceptedSends(emu).values()].every((n) => n === 1)).toBe(true);
    expect(acceptedSends(emu).size).toBe(4);
    expect(result.stdout).toContain("Summary");
  });

  it("GLOBAL and LEGACY states wait for every earlier record of the sync", async () => {
    const result = await write(
      configFor(emu),
      lines(
        send(phone(1)),
        deprecate(TO_DEPRECATE[0]!),
        globalState(1),
        send(phone(2)),
        legacyState(2),
        legacyState(3, true),
      ),
    );
    expect(result.code).toBe(0);
    expect(states(result).map((s) => s.state.destinationStats.recordCount)).toEqual([2, 1, 0]);
    expect(states(result)[1]!.state).toMatchObject({ data: { cursor: 2 } });
    expect(states(result)[1]!.state).not.toHaveProperty("type");
  });

  it("a slow record holds back its own stream's state but not another stream's", async () => {
    emu.setFaults([{ route: "send", latencyMs: 1_500, times: 1 }]);
    const result = await write(
      configFor(emu),
      lines(
        send(phone(1)),
        streamState("invites", 1),
        deprecate(TO_DEPRECATE[0]!),
        streamState("retired", 1),
      ),
    );
    expect(result.code).toBe(0);
    const order = states(result).map(
      (s) => (s.state.stream as { stream_descriptor: { name: string } }).stream_descriptor.name,
    );
    expect(order).toEqual(["retired", "invites"]);
  });

  it("retries 5xx, 429 and 130429-as-400, treats resets of sends as ambiguous, and never sends twice", async () => {
    emu.setFaults([
      { route: "deprecate", status: 500, code: 2, is_transient: true, times: 1 },
      { route: "deprecate", status: 429, code: 4, times: 1 },
      { route: "send", status: 400, code: 130429, times: 2 },
      { route: "send", reset: "before-body", times: 1 },
      { route: "send", reset: "after-body", times: 1 },
      { route: "send", status: 500, code: 131000, times: 1 },
    ]);
    const records = Array.from({ length: 12 }, (_, i) => send(phone(i)));
    const result = await write(
      configFor(emu),
      lines(
        ...records,
        deprecate(TO_DEPRECATE[0]!),
        deprecate(TO_DEPRECATE[1]!),
        streamState("invites", 1),
        streamState("retired", 1),
      ),
    );
    expect(result.code).toBe(0);
    const sends = acceptedSends(emu);
    expect([...sends.values()].every((n) => n === 1)).toBe(true);
    // Every deprecate ended in success after its retries.
    expect(
      emu
        .flows()
        .filter((f) => TO_DEPRECATE.slice(0, 2).includes(f.id))
        .every((f) => f.status === "DEPRECATED"),
    ).toBe(true);
    expect(states(result)).toHaveLength(2);
    expect(emu.journal().filter((e) => e.fault !== undefined).length).toBeGreaterThanOrEqual(7);
    expect(result.stdout).toMatch(/ambiguous/);
  });

  it("an auth failure mid-sync: settled states first, then one config_error TRACE, exit 1", async () => {
    // Management calls still pass, sends meet an expired token (190): the deprecate settles first.
    emu.setFaults([{ route: "send", status: 401, code: 190, message: "Error validating access token" }]);
    const result = await write(
      configFor(emu, { throughput: { max_concurrency: 1, messages_per_second: "0" } }),
      lines(
        deprecate(TO_DEPRECATE[0]!),
        streamState("retired", 1),
        send(phone(1)),
        streamState("invites", 1),
        send(phone(2)),
      ),
    );
    expect(result.code).toBe(1);
    expect(trace(result).failure_type).toBe("config_error");
    const types = result.messages.map((m) => m.type).filter((t) => t !== "LOG");
    expect(types).toEqual(["STATE", "TRACE"]);
    expect(states(result)[0]!.state).toMatchObject({ stream: { stream_descriptor: { name: "retired" } } });
  });

  it("an unknown stream and a malformed line are system_errors naming the line", async () => {
    const unknown = await write(
      configFor(emu),
      lines(
        send(phone(1)),
        streamState("invites", 1),
        JSON.stringify({ type: "RECORD", record: { stream: "nope", data: {} } }),
      ),
    );
    expect(unknown.code).toBe(1);
    expect(trace(unknown)).toMatchObject({ failure_type: "system_error" });
    expect(trace(unknown).message).toContain("line 3");
    expect(trace(unknown).message).toContain("nope");
    expect(states(unknown)).toHaveLength(1);
    const malformed = await write(configFor(emu), lines(send(phone(1)), "{oops"));
    expect(malformed.code).toBe(1);
    expect(trace(malformed).failure_type).toBe("system_error");
    expect(trace(malformed).message).toContain("line 2");
  });

  it("empty input: exit 0, no STATE, no TRACE", async () => {
    const result = await write(configFor(emu), "");
    expect(result.code).toBe(0);
    expect(result.messages.every((m) => m.type === "LOG")).toBe(true);
  });

  it("dry run: renders requests, sends nothing, echoes no state", async () => {
    const result = await write(
      configFor(emu, { dry_run: true }),
      lines(send(phone(1)), streamState("invites", 1)),
    );
    expect(result.code).toBe(0);
    expect(states(result)).toHaveLength(0);
    expect(emu.journal().filter((e) => e.route === "send")).toHaveLength(0);
    expect(result.stdout).toContain("validation=ok");
  });

  it("SIGTERM with stdin still open: settled states, then transient_error TRACE, exit 1", async () => {
    const result = await write(configFor(emu), undefined, {
      onSpawn(child) {
        const stdin = child.stdin!;
        stdin.write(lines(send(phone(1)), streamState("invites", 1)));
        // Keep stdin open like a platform that is still writing: runCli would end it.
        (stdin as unknown as { end: () => void }).end = () => {};
        setTimeout(() => child.kill("SIGTERM"), 1_500);
      },
    });
    expect(result.code).toBe(1);
    expect(states(result)).toHaveLength(1);
    expect(trace(result)).toMatchObject({ failure_type: "transient_error" });
    expect(trace(result).message).toContain("the sync was interrupted");
  });
});
