import { describe, expect, it } from "vitest";
import { ConfigError, RecordError, SystemError, TransientError } from "../../../src/errors/index.js";
import { errorToTrace } from "../../../src/protocol/index.js";

type Trace = { type: string; trace: { type: string; emitted_at: number; error: Record<string, unknown> } };

describe("errorToTrace", () => {
  it.each([
    [new ConfigError("bad token", { hint: "Generate a new token" }), "config_error"],
    [new TransientError("Graph API kept answering 503"), "transient_error"],
    [new SystemError("input line 3 is not JSON"), "system_error"],
    [new RecordError("stream s record 2: field to is required", { field: "to" }), "config_error"],
    [new Error("boom"), "system_error"],
  ])("maps %s to %s", (error, failureType) => {
    const trace = errorToTrace(error) as unknown as Trace;
    expect(trace.type).toBe("TRACE");
    expect(trace.trace.type).toBe("ERROR");
    expect(typeof trace.trace.emitted_at).toBe("number");
    expect(trace.trace.error.failure_type).toBe(failureType);
    expect(String(trace.trace.error.message)).toContain(error instanceof ConfigError ? "bad token" : "");
  });

  it("puts the hint in the user message and the stack only for system errors", () => {
    const config = errorToTrace(
      new ConfigError("bad token", { hint: "Generate a new token" }),
    ) as unknown as Trace;
    expect(config.trace.error.message).toBe("bad token. Generate a new token");
    expect(config.trace.error.stack_trace).toBeUndefined();
    const bug = errorToTrace(new TypeError("x is undefined")) as unknown as Trace;
    expect(bug.trace.error.message).toMatch(/Unexpected internal error/);
    expect(bug.trace.error.stack_trace).toMatch(/TypeError/);
  });

  it("names the stream when given", () => {
    const trace = errorToTrace(new ConfigError("x"), { name: "s", namespace: "n" }) as unknown as Trace;
    expect(trace.trace.error.stream_descriptor).toEqual({ name: "s", namespace: "n" });
  });
});
