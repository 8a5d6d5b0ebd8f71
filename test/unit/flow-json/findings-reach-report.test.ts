import { describe, expect, it } from "vitest";
import { FlowJsonRejectedError } from "../../../src/operations/errors/flow-json-rejected-error.js";
import { readFlowJson } from "../../../src/operations/flows/flow-json-input.js";
import { updateFlowJsonOperation } from "../../../src/operations/flows/update-flow-json.js";
import type { Outcome } from "../../../src/operations/index.js";
import { recordReport, recordWarnings } from "../../../src/write/record-report.js";
import { buildEnvelope } from "../../../src/write/response-webhook/envelope.js";
import { ctx, envWith, FakeClient, ok } from "../operations/support/fixtures.js";
import { manyBadIds, undeclaredInitValues } from "./support/flows.js";

const c = ctx("flows", 3, { template: "update_flow_json" });
const reported = { stream: "flows", streamName: "flows", recordIndex: 3, lineNumber: 4 };

function rejection(value: unknown): FlowJsonRejectedError {
  try {
    readFlowJson(value, "flow_json", c, false);
  } catch (error) {
    if (error instanceof FlowJsonRejectedError) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

const logOf = (message: unknown) => (message as { log: { level: string; message: string } }).log;

const envelopeOf = (outcome: Outcome) =>
  buildEnvelope({
    stream: "flows",
    namespace: undefined,
    recordIndex: 3,
    lineNumber: 3,
    template: "update_flow_json",
    outcome,
    calls: { calls: 1, retries: 0 },
    idempotencyKey: "k",
  });

async function upload(
  record: Record<string, unknown>,
  answer: unknown = { success: true },
): Promise<Outcome> {
  const operation = updateFlowJsonOperation(envWith(new FakeClient(ok(answer))), {
    template: "update_flow_json",
  });
  return operation.execute(operation.plan({ flow_id: "42", ...record }, c));
}

describe("every Flow JSON error reaches the rejection report and the webhook", () => {
  it("lists all errors (not the first few) with line/column in the string as given", () => {
    const text = JSON.stringify(manyBadIds(12), null, 2);
    const error = rejection(text);
    expect(error.validationErrors).toHaveLength(12);
    expect(error.message).toContain('field "flow_json" fails Flow JSON validation (12 errors)');
    expect(error.message).toContain('lines and columns refer to the text of field "flow_json" as given');
    const lines = text.split("\n");
    for (let i = 0; i < 12; i++) {
      const found = new RegExp(`PATTERN_MISMATCH at screens\\[${i}\\]\\.id \\(line (\\d+), column (\\d+)\\)`);
      const m = found.exec(error.message);
      expect(m, `finding ${i}`).not.toBeNull();
      expect(lines[Number(m?.[1]) - 1]?.slice(Number(m?.[2]) - 1)).toBe(`"id": "BAD${i}",`);
    }
    const outcome = { kind: "rejected" as const, error };
    const log = recordReport(reported, outcome, { calls: 1, retries: 0 });
    expect(logOf(log).message).toContain("12) PATTERN_MISMATCH at screens[11].id");
    expect(envelopeOf(outcome).error?.message).toContain("12) PATTERN_MISMATCH at screens[11].id");
  });

  it("says that positions refer to the JSON serialisation when the field is an object", () => {
    const doc = manyBadIds(2);
    const error = rejection(doc);
    expect(error.message).toContain("serialised as compact JSON (JSON.stringify of the object)");
    const match = /screens\[1\]\.id \(line 1, column (\d+)\)/.exec(error.message);
    expect(match).not.toBeNull();
    expect(JSON.stringify(doc).slice(Number(match?.[1]) - 1)).toMatch(/^"id":"BAD1"/);
  });
});

describe("Meta's validation errors of an upload say what their positions refer to", () => {
  const metaError = (line: number) => ({
    error: "INVALID_PROPERTY",
    error_type: "JSON_SCHEMA_ERROR",
    message: "The property cannot be specified.",
    line_start: line,
    line_end: line,
    column_start: 3,
    column_end: 9,
    pointers: [{ path: "screens[0]", line_start: line }],
  });
  const answer = { success: true, validation_errors: [metaError(4), metaError(9)] };

  it("lists both, in the text as given for file_content, in the serialisation for a flow_json object", async () => {
    const asText = await upload({ file_content: JSON.stringify(undeclaredInitValues, null, 2) }, answer);
    const fromText = asText.kind === "rejected" ? asText.error.message : "";
    expect(fromText).toContain('lines and columns refer to the text of field "file_content" as given');
    expect(fromText).toContain("1) INVALID_PROPERTY at screens[0] (line 4, column 3)");
    expect(fromText).toContain("2) INVALID_PROPERTY at screens[0] (line 9, column 3)");
    const asObject = await upload({ flow_json: undeclaredInitValues }, answer);
    expect(asObject.kind === "rejected" && asObject.error.message).toContain("serialised as compact JSON");
  });
});

describe("Flow JSON warnings reach the LOG and the webhook envelope of a succeeded record", () => {
  it("uploads the Flow, and its success carries the warning into the LOG line and the envelope", async () => {
    const outcome = await upload({ file_content: JSON.stringify(undeclaredInitValues) });
    expect(outcome.kind).toBe("succeeded");
    if (outcome.kind !== "succeeded") return;
    expect(outcome.warnings).toHaveLength(1);
    expect(outcome.warnings?.[0]).toMatch(
      /^field "file_content": INVALID_SCREEN_DATA at screens\[0\]\.layout\.children\[0\]\["init-values"\] \(line 1, column \d+\): /,
    );
    const log = recordWarnings(reported, outcome);
    expect(logOf(log).level).toBe("WARN");
    expect(logOf(log).message).toContain("succeeded with 1 warning(s)");
    expect(envelopeOf(outcome).warnings).toEqual(outcome.warnings);
  });

  it("adds no warnings (and no LOG line) to a clean success", async () => {
    const [first] = undeclaredInitValues.screens as Record<string, unknown>[];
    const declared = { init_values: { type: "object", __example__: {} } };
    const outcome = await upload({
      flow_json: { ...undeclaredInitValues, screens: [{ ...first, data: declared }] },
    });
    expect(outcome.kind).toBe("succeeded");
    if (outcome.kind !== "succeeded") return;
    expect(outcome.warnings).toBeUndefined();
    expect(recordWarnings(reported, outcome)).toBeUndefined();
    expect(envelopeOf(outcome)).not.toHaveProperty("warnings");
  });
});
