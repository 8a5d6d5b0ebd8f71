import { describe, expect, it } from "vitest";
import {
  configFor,
  emulatorForFile,
  lines,
  send,
  states,
  streamState,
  trace,
  write,
} from "./write-support.js";

const emu = emulatorForFile();

/** The STATE line the connector must print for `line`: the same text, destinationStats added last. */
const withStats = (line: string, stats: string) => `${line.slice(0, -2)},"destinationStats":${stats}}}`;

describe("STATE echo (built CLI)", () => {
  it("states holding 9007199254740993, 1e400, -0, reordered keys and escapes come back byte for byte", async () => {
    const stream = `{"type":"STATE","state":{"type":"STREAM","stream":{"stream_state":{"id":9007199254740993,"max":1e400,"zero":-0,"name":"caf\\u00e9 café \\/"},"stream_descriptor":{"name":"invites"}},"sourceStats":{"recordCount":1.0}}}`;
    const global = `{"state":{"global":{"stream_states":[],"shared_state":{"lsn":123456789012345678901234567890,"e":1E+2}},"type":"GLOBAL"},"type":"STATE"}`;
    const legacy = `{"type":"STATE","state":{"data":{"z":1,"a":[0.10,"\\ud83d\\ude00"],"b":{}}}}`;
    const result = await write(
      configFor(emu()),
      lines(send("15550000001"), stream, send("15550000002"), global, legacy),
    );
    expect(result.code).toBe(0);
    const printed = result.stdout.split("\n").filter((line) => line.includes('"STATE"'));
    expect(printed).toEqual([
      withStats(stream, '{"recordCount":1}'),
      global.replace('"type":"GLOBAL"}', '"type":"GLOBAL","destinationStats":{"recordCount":2}}'),
      withStats(legacy, '{"recordCount":0}'),
    ]);
  });

  it("a STATE nested 100,000 deep is a system_error naming its line, after the settled states", async () => {
    const deep = `{"type":"STATE","state":{"data":${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}}}`;
    const result = await write(configFor(emu()), lines(send("15550000001"), streamState("invites", 1), deep));
    expect(result.code).not.toBe(0);
    expect(states(result)).toHaveLength(1);
    expect(trace(result).failure_type).toBe("system_error");
    expect(trace(result).message).toContain("Input line 3");
    expect(trace(result).message).toContain("nests deeper than 1000 levels");
    expect(result.stdout + result.stderr).not.toContain("Maximum call stack");
  });
});
