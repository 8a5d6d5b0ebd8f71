import { describe, expect, it } from "vitest";
import { assertProtocolLines, hasOfficialSchema } from "../support/protocol-schema.js";

/** The oracle itself must be able to fail, or every "validated" e2e line proves nothing. */
describe("the protocol oracle used by every e2e test", () => {
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

  it("rejects messages the official schema forbids (when the schema is beside the checkout)", () => {
    // A bare clone without ../shared has only the shape check, which cannot see these: the
    // harness says so on stderr, and CI (which has the schema) runs the assertions below.
    if (!hasOfficialSchema()) return;
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
});
