import { describe, expect, it } from "vitest";
import { RecordError } from "../../../src/errors/index.js";
import { FlowJsonRejectedError } from "../../../src/operations/errors/flow-json-rejected-error.js";
import { createFlowOperation } from "../../../src/operations/flows/create-flow.js";
import {
  ctx,
  envWith,
  FakeClient,
  graphError,
  MINIMAL_FLOW_JSON,
  ok,
  PREFIX,
  resetAfterWrite,
  WABA,
} from "./support/fixtures.js";

const c = ctx("new_flows", 3);

function planOf(record: Record<string, unknown>, client = new FakeClient()) {
  return createFlowOperation(envWith(client)).plan(record, c);
}

describe("create_flow plan", () => {
  it("posts the multipart fields of Meta's Create Flow to /{waba_id}/flows", () => {
    const plan = planOf({
      name: "Sign up",
      categories: ["SIGN_UP", "OTHER"],
      endpoint_uri: "https://example.com/flow",
      clone_flow_id: "555",
      flow_json: MINIMAL_FLOW_JSON,
      publish: true,
    });
    expect(plan.request).toMatchObject({ method: "POST", path: `${WABA}/flows`, idempotent: false });
    expect(plan.request.pacing).toEqual({ kind: "management", wabaId: WABA });
    expect(plan.summary).toEqual({ method: "POST", url: `${PREFIX}${WABA}/flows` });
    expect(plan.request.body).toEqual({
      kind: "multipart",
      parts: [
        { name: "name", value: "Sign up" },
        { name: "categories", value: '["SIGN_UP","OTHER"]' },
        { name: "endpoint_uri", value: "https://example.com/flow" },
        { name: "clone_flow_id", value: "555" },
        { name: "flow_json", value: JSON.stringify(MINIMAL_FLOW_JSON) },
        { name: "publish", value: "true" },
      ],
    });
    expect(plan.key).toBe("flow-name:Sign up");
  });

  it("accepts categories as JSON text and sends only the fields given", () => {
    const plan = planOf({ name: "n", categories: '["SURVEY"]' });
    expect(plan.request.body).toEqual({
      kind: "multipart",
      parts: [
        { name: "name", value: "n" },
        { name: "categories", value: '["SURVEY"]' },
      ],
    });
  });

  it.each([
    [{ categories: ["OTHER"] }, 'stream "new_flows" record 3: field "name" is required'],
    [{ name: "n" }, 'field "categories" is required'],
    [{ name: "n", categories: [] }, 'field "categories" must be a non-empty array'],
    [
      { name: "n", categories: "OTHER" },
      'field "categories" must be an array of categories or its JSON text',
    ],
    [{ name: "n", categories: ["OTHER", "SHOPPING_X"] }, 'field "categories[1]" must be one of SIGN_UP'],
    [{ name: "n", categories: ["OTHER"], publish: "yes" }, 'field "publish" must be a boolean'],
    [
      { name: "n", categories: ["OTHER"], clone_flow_id: "../x" },
      'field "clone_flow_id" must be a numeric ID',
    ],
    [{ name: "n", categories: ["OTHER"], flow_json: 12 }, 'field "flow_json" must be a Flow JSON object'],
  ])("rejects %j before any call", (record, message) => {
    const client = new FakeClient();
    expect(() => planOf(record, client)).toThrow(RecordError);
    expect(() => planOf(record, client)).toThrow(message);
    expect(client.requests).toHaveLength(0);
  });

  it("never puts a field's value in the error", () => {
    try {
      planOf({ name: "n", categories: ["secret-category-value"] });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain("secret-category-value");
      expect((error as RecordError).field).toBe("categories[0]");
    }
  });

  it("rejects a Flow JSON that fails local validation with Meta-style errors, without a call", () => {
    try {
      planOf({ name: "n", categories: ["OTHER"], flow_json: { screens: [] } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FlowJsonRejectedError);
      const e = error as FlowJsonRejectedError;
      expect(e.field).toBe("flow_json");
      expect(e.source).toBe("local");
      expect(e.validationErrors.length).toBeGreaterThan(0);
      expect(e.validationErrors[0]).toMatchObject({
        error: expect.any(String),
        error_type: expect.any(String),
      });
    }
  });
});

describe("create_flow local Flow JSON validation follows publish", () => {
  const old = { ...MINIMAL_FLOW_JSON, version: "5.0" };

  it("a version that can be sent but not published passes without publish", () => {
    expect(() => planOf({ name: "n", categories: ["OTHER"], flow_json: old })).not.toThrow();
  });

  it("with publish: true the same Flow JSON is rejected locally (requirePublishable)", () => {
    const client = new FakeClient();
    expect(() => planOf({ name: "n", categories: ["OTHER"], flow_json: old, publish: true }, client)).toThrow(
      FlowJsonRejectedError,
    );
    expect(client.requests).toHaveLength(0);
  });
});

describe("create_flow execute", () => {
  const record = { name: "Sign up", categories: ["OTHER"] };

  it("succeeds with the new flow id", async () => {
    const client = new FakeClient(ok({ id: "123" }));
    const op = createFlowOperation(envWith(client));
    const outcome = await op.execute(op.plan(record, c));
    expect(outcome).toMatchObject({
      kind: "succeeded",
      result: { flowId: "123" },
      response: { status: 200, body: { id: "123" } },
    });
  });

  it("rejects when Meta saved the Flow JSON with validation errors", async () => {
    const body = {
      id: "123",
      success: true,
      validation_errors: [
        {
          error: "INVALID_PROPERTY",
          error_type: "JSON_SCHEMA_ERROR",
          message: "m",
          line_start: 4,
          column_start: 2,
        },
      ],
    };
    const client = new FakeClient(ok(body));
    const op = createFlowOperation(envWith(client));
    const outcome = await op.execute(op.plan({ ...record, flow_json: MINIMAL_FLOW_JSON }, c));
    expect(outcome.kind).toBe("rejected");
    if (outcome.kind !== "rejected") return;
    expect(outcome.error).toBeInstanceOf(FlowJsonRejectedError);
    expect((outcome.error as FlowJsonRejectedError).validationErrors[0]).toMatchObject({
      error: "INVALID_PROPERTY",
      line_start: 4,
    });
    expect(outcome.response?.body).toEqual(body);
  });

  it("resolves a taken name to the existing flow, paging through the WABA's flows", async () => {
    const client = new FakeClient(
      graphError(400, { code: 100, message: "(#100) Flow name is not unique" }),
      ok({
        data: [{ id: "1", name: "Other", status: "DRAFT" }],
        paging: { cursors: { after: "c1" }, next: "https://x/next" },
      }),
      ok({
        data: [{ id: "77", name: "Sign up", status: "PUBLISHED" }],
        paging: { cursors: { after: "c2" } },
      }),
    );
    const op = createFlowOperation(envWith(client));
    const context = ctx("new_flows", 3);
    const outcome = await op.execute(op.plan(record, context));
    expect(outcome).toMatchObject({
      kind: "succeeded",
      resolution: "existing_flow",
      result: { flowId: "77" },
    });
    // The create and two list pages are three calls, none of them retried.
    expect(context.calls).toMatchObject({ calls: 3, retries: 0 });
    expect(client.requests[1]).toMatchObject({
      method: "GET",
      path: `${WABA}/flows`,
      query: { fields: "id,name,status" },
    });
    expect(client.requests[2]?.query).toMatchObject({ after: "c1" });
  });

  it("rejects a duplicate-name error whose name is not found in the list", async () => {
    const client = new FakeClient(
      graphError(400, { code: 100, error_user_title: "Flow name is not unique" }),
      ok({ data: [] }),
    );
    const op = createFlowOperation(envWith(client));
    const outcome = await op.execute(op.plan(record, c));
    expect(outcome.kind).toBe("rejected");
    if (outcome.kind === "rejected") expect(outcome.error.message).toContain("Graph error 100");
  });

  it("a lost answer: found by name → succeeded, not found → ambiguous", async () => {
    const found = new FakeClient(
      resetAfterWrite(),
      ok({ data: [{ id: "9", name: "Sign up", status: "DRAFT" }] }),
    );
    let op = createFlowOperation(envWith(found));
    expect(await op.execute(op.plan(record, c))).toMatchObject({
      kind: "succeeded",
      result: { flowId: "9" },
    });

    const missing = new FakeClient(resetAfterWrite(), ok({ data: [] }));
    op = createFlowOperation(envWith(missing));
    expect((await op.execute(op.plan(record, c))).kind).toBe("ambiguous");
  });

  it("an unknown WABA during the lookup is a config error", async () => {
    const client = new FakeClient(
      graphError(400, { code: 100, error_user_title: "Flow name is not unique" }),
      graphError(400, { code: 100, error_subcode: 33 }, 1, "GET"),
    );
    const op = createFlowOperation(envWith(client));
    await expect(op.execute(op.plan(record, c))).rejects.toMatchObject({
      code: "ERR_WABA_NOT_FOUND",
      failureType: "config_error",
    });
  });
});
