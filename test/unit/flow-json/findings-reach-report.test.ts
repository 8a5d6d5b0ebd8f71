import { describe, expect, it } from "vitest";
import { readFlowJson } from "../../../src/operations/flow-json-input.js";
import { FlowJsonRejectedError, updateFlowJsonOperation } from "../../../src/operations/index.js";
import { recordReport, recordWarnings } from "../../../src/write/record-report.js";
import { buildEnvelope } from "../../../src/write/response-webhook/envelope.js";
import { ctx, envWith, FakeClient, ok } from "../operations/support/fixtures.js";

const c = ctx("flows", 3, { template: "update_flow_json" });
const footer = (action: object) => ({ type: "Footer", label: "Go", "on-click-action": action });

/** One terminal screen per bad id: each adds its own PATTERN_MISMATCH finding. */
function manyErrors(count: number): object {
  const screens = Array.from({ length: count }, (_, i) => ({
    id: `BAD${i}`,
    terminal: true,
    layout: { type: "SingleColumnLayout", children: [footer({ name: "complete", payload: {} })] },
  }));
  return { version: "7.3", screens };
}

function rejection(value: unknown): FlowJsonRejectedError {
  try {
    readFlowJson(value, "flow_json", c, false);
  } catch (error) {
    if (error instanceof FlowJsonRejectedError) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

/** The text at a 1-based line/column of `text`. */
function at(text: string, line: number, column: number, length: number): string {
  return (text.split("\n")[line - 1] ?? "").slice(column - 1, column - 1 + length);
}

describe("every Flow JSON error reaches the rejection report and the webhook", () => {
  it("lists all errors (not the first few) with line/column in the string as given", () => {
    const text = JSON.stringify(manyErrors(12), null, 2);
    const error = rejection(text);
    expect(error.validationErrors).toHaveLength(12);
    expect(error.message).toContain('field "flow_json" fails Flow JSON validation (12 errors)');
    expect(error.message).toContain('lines and columns refer to the text of field "flow_json" as given');
    for (let i = 0; i < 12; i++) {
      const found = /PATTERN_MISMATCH at screens\[(\d+)\]\.id \(line (\d+), column (\d+)\)/g;
      const hits = [...error.message.matchAll(found)].filter((m) => m[1] === String(i));
      expect(hits).toHaveLength(1);
      const [, , line, column] = hits[0] ?? [];
      expect(at(text, Number(line), Number(column), 10 + String(i).length)).toBe(`"id": "BAD${i}`);
    }
    const outcome = { kind: "rejected" as const, attempts: 1, error };
    const log = recordReport(
      { stream: "flows", streamName: "flows", recordIndex: 3, lineNumber: 4 },
      outcome,
    );
    expect(log.type === "LOG" && log.log.message).toContain("12) PATTERN_MISMATCH at screens[11].id");
    const envelope = buildEnvelope({
      stream: "flows",
      namespace: undefined,
      recordIndex: 3,
      template: "update_flow_json",
      outcome,
      idempotencyKey: "k",
    });
    expect(envelope.error?.message).toContain("12) PATTERN_MISMATCH at screens[11].id");
  });

  it("says that positions refer to the JSON serialisation when the field is an object", () => {
    const doc = manyErrors(2);
    const error = rejection(doc);
    expect(error.message).toContain("serialised as compact JSON (JSON.stringify of the object)");
    const match = /screens\[1\]\.id \(line 1, column (\d+)\)/.exec(error.message);
    expect(match).not.toBeNull();
    expect(
      JSON.stringify(doc)
        .slice(Number(match?.[1]) - 1)
        .startsWith('"id":"BAD1"'),
    ).toBe(true);
  });
});

describe("Flow JSON warnings reach the LOG and the webhook envelope of a succeeded record", () => {
  const undeclaredInitValues = {
    version: "7.0",
    data_api_version: "3.0",
    routing_model: { A: [] },
    screens: [
      {
        id: "A",
        terminal: true,
        layout: {
          type: "SingleColumnLayout",
          children: [
            {
              type: "Form",
              name: "f",
              "init-values": "${data.init_values}",
              children: [
                { type: "TextInput", name: "n", label: "N" },
                footer({ name: "complete", payload: {} }),
              ],
            },
          ],
        },
      },
    ],
  };

  it("uploads the Flow, and its success carries the warning into the LOG line and the envelope", async () => {
    const operation = updateFlowJsonOperation(envWith(new FakeClient(ok({ success: true }))), {
      template: "update_flow_json",
    });
    const plan = operation.plan({ flow_id: "42", file_content: JSON.stringify(undeclaredInitValues) }, c);
    const outcome = await operation.execute(plan);
    expect(outcome.kind).toBe("succeeded");
    if (outcome.kind !== "succeeded") return;
    expect(outcome.warnings).toHaveLength(1);
    expect(outcome.warnings?.[0]).toMatch(
      /^field "file_content": INVALID_SCREEN_DATA at screens\[0\]\.layout\.children\[0\]\["init-values"\] \(line 1, column \d+\): /,
    );
    const log = recordWarnings(
      { stream: "flows", streamName: "flows", recordIndex: 3, lineNumber: 4 },
      outcome,
    );
    expect(log?.type === "LOG" && log.log).toMatchObject({ level: "WARN" });
    expect(log?.type === "LOG" && log.log.message).toContain("succeeded with 1 warning(s)");
    const envelope = buildEnvelope({
      stream: "flows",
      namespace: undefined,
      recordIndex: 3,
      template: "update_flow_json",
      outcome,
      idempotencyKey: "k",
    });
    expect(envelope.warnings).toEqual(outcome.warnings);
  });

  it("adds no warnings (and no LOG line) to a clean success", async () => {
    const clean = {
      ...undeclaredInitValues,
      screens: [
        { ...undeclaredInitValues.screens[0], data: { init_values: { type: "object", __example__: {} } } },
      ],
    };
    const operation = updateFlowJsonOperation(envWith(new FakeClient(ok({ success: true }))), {
      template: "update_flow_json",
    });
    const outcome = await operation.execute(operation.plan({ flow_id: "42", flow_json: clean }, c));
    expect(outcome.kind === "succeeded" && outcome.warnings).toBeUndefined();
    if (outcome.kind === "succeeded") {
      expect(
        recordWarnings({ stream: "f", streamName: "f", recordIndex: 1, lineNumber: 1 }, outcome),
      ).toBeUndefined();
    }
  });
});
