import { describe, expect, it } from "vitest";
import { RecordError } from "../../../src/errors/index.js";
import { FlowJsonRejectedError } from "../../../src/operations/errors/flow-json-rejected-error.js";
import { updateFlowJsonOperation } from "../../../src/operations/flows/update-flow-json.js";
import { updateFlowMetadataOperation } from "../../../src/operations/flows/update-flow-metadata.js";
import { ctx, envWith, FakeClient, graphError, MINIMAL_FLOW_JSON, ok, PREFIX } from "./support/fixtures.js";

const c = ctx("flow_bodies", 5);

describe("update_flow_json", () => {
  const op = (client = new FakeClient(), flowId?: string) =>
    updateFlowJsonOperation(envWith(client), {
      template: "update_flow_json",
      ...(flowId ? { flow_id: flowId } : {}),
    });

  it("uploads flow.json as Meta's Update Flow JSON: file part, name=flow.json, asset_type=FLOW_JSON", () => {
    const text = JSON.stringify(MINIMAL_FLOW_JSON, null, 2);
    const plan = op().plan({ flow_id: "42", file_content: text }, c);
    expect(plan.request).toMatchObject({ method: "POST", path: "42/assets", idempotent: true });
    expect(plan.summary.url).toBe(`${PREFIX}42/assets`);
    expect(plan.request.body).toEqual({
      kind: "multipart",
      parts: [
        { name: "file", filename: "flow.json", contentType: "application/json", content: text },
        { name: "name", value: "flow.json" },
        { name: "asset_type", value: "FLOW_JSON" },
      ],
    });
    expect(plan.key).toBe("flow:42");
  });

  it("serialises a flow_json object once and prefers the configured flow id", () => {
    const plan = op(new FakeClient(), "7").plan({ flow_id: "42", flow_json: MINIMAL_FLOW_JSON }, c);
    expect(plan.request.path).toBe("7/assets");
    const body = plan.request.body;
    expect(body.kind === "multipart" && body.parts[0]).toMatchObject({
      content: JSON.stringify(MINIMAL_FLOW_JSON),
    });
  });

  it.each([
    [{ file_content: "{}" }, 'field "flow_id" or "flow_name" is required'],
    [
      { flow_id: "1" },
      'field "file_content" (the Flow JSON text) or "flow_json" (the Flow JSON object) is required',
    ],
    [{ flow_id: "1", file_content: "{}", flow_json: {} }, "both set"],
    [{ flow_id: "a/b", file_content: "{}" }, 'field "flow_id" must be a numeric ID'],
  ])("rejects %j in plan", (record, message) => {
    expect(() => op().plan(record, c)).toThrow(RecordError);
    expect(() => op().plan(record, c)).toThrow(message);
  });

  it("rejects invalid JSON text locally, with Meta-style errors", () => {
    expect(() => op().plan({ flow_id: "1", file_content: "{not json" }, c)).toThrow(FlowJsonRejectedError);
  });

  it("a 200 with validation_errors rejects the record, carrying Meta's errors", async () => {
    const body = {
      success: true,
      validation_errors: [
        {
          error: "INVALID_PROPERTY",
          error_type: "JSON_SCHEMA_ERROR",
          message: 'The property "initial-text" cannot be specified at "$root/screens/0".',
          line_start: 46,
          line_end: 46,
          column_start: 17,
          column_end: 30,
          pointers: [{ path: "screens[0]", line_start: 46 }],
        },
      ],
    };
    const client = new FakeClient(ok(body));
    const operation = op(client);
    const outcome = await operation.execute(
      operation.plan({ flow_id: "1", flow_json: MINIMAL_FLOW_JSON }, c),
    );
    expect(outcome.kind).toBe("rejected");
    if (outcome.kind !== "rejected") return;
    const error = outcome.error as FlowJsonRejectedError;
    expect(error.source).toBe("graph");
    expect(error.validationErrors).toEqual([
      {
        error: "INVALID_PROPERTY",
        error_type: "JSON_SCHEMA_ERROR",
        message: 'The property "initial-text" cannot be specified at "$root/screens/0".',
        line_start: 46,
        line_end: 46,
        column_start: 17,
        column_end: 30,
        pointers: [{ path: "screens[0]", line_start: 46 }],
      },
    ]);
    expect(error.message).toContain('stream "flow_bodies" record 5');
    expect(error.message).toContain("INVALID_PROPERTY at screens[0] (line 46, column 17)");
    expect(outcome.response).toEqual({ status: 200, body });
  });

  it("a 200 with an empty validation_errors succeeds", async () => {
    const client = new FakeClient(ok({ success: true, validation_errors: [] }));
    const operation = op(client);
    const outcome = await operation.execute(
      operation.plan({ flow_id: "1", flow_json: MINIMAL_FLOW_JSON }, c),
    );
    expect(outcome).toMatchObject({ kind: "succeeded", result: { flowId: "1" } });
  });
});

describe("update_flow_metadata", () => {
  const op = (client = new FakeClient()) =>
    updateFlowMetadataOperation(envWith(client), { template: "update_flow_metadata" });

  it("posts the given fields as multipart to /{flow_id}", () => {
    const plan = op().plan(
      {
        flow_id: 99,
        name: "New",
        categories: '["CONTACT_US"]',
        endpoint_uri: "https://e.example/x",
        application_id: "5",
      },
      c,
    );
    expect(plan.request).toMatchObject({ method: "POST", path: "99", idempotent: true });
    expect(plan.request.body).toEqual({
      kind: "multipart",
      parts: [
        { name: "name", value: "New" },
        { name: "categories", value: '["CONTACT_US"]' },
        { name: "endpoint_uri", value: "https://e.example/x" },
        { name: "application_id", value: "5" },
      ],
    });
  });

  it("needs at least one field to update", () => {
    expect(() => op().plan({ flow_id: "1" }, c)).toThrow("nothing to update");
  });

  it("reads a 139001 (not a draft) as a rejection naming the code", async () => {
    const client = new FakeClient(
      graphError(400, { code: 139001, message: "(#139001) Flow can't be updated" }),
    );
    const operation = op(client);
    const outcome = await operation.execute(operation.plan({ flow_id: "1", name: "x" }, c));
    expect(outcome.kind).toBe("rejected");
    if (outcome.kind === "rejected") {
      expect(outcome.error.message).toContain("Graph error 139001");
      expect(outcome.response?.status).toBe(400);
    }
  });
});
