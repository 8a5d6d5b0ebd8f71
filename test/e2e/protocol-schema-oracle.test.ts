import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  assertProtocolLines,
  hasOfficialSchema,
  IN_CI,
  PROTOCOL_SCHEMA_PATH,
  protocolValidator,
} from "../support/protocol-schema.js";
import { tempDir } from "../support/temp-files.js";

/** The oracle itself must be able to fail, or every "validated" e2e line proves nothing. */
describe("the protocol oracle used by every e2e test", () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());
  const missing = join(dir.path, "airbyte_protocol.yaml");

  it("accepts valid messages", () => {
    expect(() =>
      assertProtocolLines([
        JSON.stringify({ type: "LOG", log: { level: "INFO", message: "x" } }),
        JSON.stringify({ type: "CONNECTION_STATUS", connectionStatus: { status: "FAILED", message: "m" } }),
        JSON.stringify({
          type: "STATE",
          state: {
            type: "STREAM",
            stream: { stream_descriptor: { name: "s" } },
            destinationStats: { recordCount: 2 },
          },
        }),
      ]),
    ).not.toThrow();
  });

  it("rejects lines that are not JSON or not messages", () => {
    expect(() => assertProtocolLines(["hello"])).toThrow(/line 1 is not JSON/);
    expect(() => assertProtocolLines([JSON.stringify({ type: "NOPE" })])).toThrow(/line 1/);
  });

  // Outside CI the official schema may be absent (the run says so once); then this test states
  // the fallback instead of passing as if it had validated.
  if (hasOfficialSchema()) {
    it(`rejects messages the official schema forbids (${PROTOCOL_SCHEMA_PATH})`, () => {
      expect(() =>
        assertProtocolLines([
          JSON.stringify({ type: "CONNECTION_STATUS", connectionStatus: { status: "MAYBE" } }),
        ]),
      ).toThrow(/not a valid AirbyteMessage/);
      expect(() =>
        assertProtocolLines([JSON.stringify({ type: "LOG", log: { level: "LOUD", message: "x" } })]),
      ).toThrow(/not a valid AirbyteMessage/);
      expect(() =>
        assertProtocolLines([
          JSON.stringify({
            type: "TRACE",
            trace: { type: "ERROR", emitted_at: 1, error: { message: "m", failure_type: "oops" } },
          }),
        ]),
      ).toThrow(/not a valid AirbyteMessage/);
    });
  } else {
    it(`checks JSON shape only, outside CI alone: no official schema at ${PROTOCOL_SCHEMA_PATH}`, () => {
      expect(IN_CI).toBe(false);
      // What the fallback cannot see, said plainly: a known type with a wrong body passes it.
      expect(() =>
        assertProtocolLines([
          JSON.stringify({ type: "CONNECTION_STATUS", connectionStatus: { status: "MAYBE" } }),
        ]),
      ).not.toThrow();
    });
  }

  it("without the schema, fails in CI and falls back (null) only outside it", () => {
    expect(() => protocolValidator(missing, true)).toThrow(
      `[protocol-schema] ${missing} not found. CI (CI=true) validates every e2e output line`,
    );
    expect(protocolValidator(missing, false)).toBeNull();
  });

  it("never prints the fallback notice per test: the run's global setup says it once", () => {
    const writes: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      assertProtocolLines([JSON.stringify({ type: "LOG", log: { level: "INFO", message: "x" } })]);
      protocolValidator(missing, false);
    } finally {
      process.stderr.write = original;
    }
    expect(writes.filter((w) => w.includes("[protocol-schema]"))).toEqual([]);
  });
});
