import { describe, expect, it } from "vitest";
import { createFlowOperation } from "../../../src/operations/flows/create-flow.js";
import { deleteFlowOperation } from "../../../src/operations/flows/delete-flow.js";
import { deprecateFlowOperation } from "../../../src/operations/flows/deprecate-flow.js";
import { publishFlowOperation } from "../../../src/operations/flows/publish-flow.js";
import { updateFlowJsonOperation } from "../../../src/operations/flows/update-flow-json.js";
import { updateFlowMetadataOperation } from "../../../src/operations/flows/update-flow-metadata.js";
import { ctx, envWith, FakeClient, graphError, MINIMAL_FLOW_JSON, ok } from "./support/fixtures.js";

// Issue 9 item 6: Graph answers are read exactly. A 200 is not a success by its status alone,
// and create's code 100 is "the name is taken" only when Meta says so.

const c = ctx("flows", 4);
const record = { name: "Sign up", categories: ["OTHER"] };

describe("a 200 that says success: false is not a success", () => {
  it.each([
    ["publish_flow", publishFlowOperation, "DRAFT"],
    ["deprecate_flow", deprecateFlowOperation, "PUBLISHED"],
    ["delete_flow", deleteFlowOperation, "DRAFT"],
  ] as const)(
    "%s is rejected when the status read back does not settle it",
    async (template, factory, status) => {
      const client = new FakeClient(ok({ success: false }), ok({ id: "10", status }));
      const op = factory(envWith(client), { template } as never);
      const outcome = await op.execute(op.plan({ flow_id: "10" }, c));
      expect(outcome.kind).toBe("rejected");
      if (outcome.kind !== "rejected") return;
      expect(outcome.error.message).toContain("success: false");
      expect(outcome.error.message).toContain('stream "flows" record 4');
      expect(client.requests[1]).toMatchObject({ method: "GET", path: "10" });
    },
  );

  it("publish_flow answered success: false but read back PUBLISHED is settled by the status", async () => {
    const client = new FakeClient(ok({ success: false }), ok({ id: "10", status: "PUBLISHED" }));
    const op = publishFlowOperation(envWith(client), { template: "publish_flow" });
    expect(await op.execute(op.plan({ flow_id: "10" }, c))).toMatchObject({
      kind: "succeeded",
      resolution: "confirmed_by_status",
    });
  });

  it("update_flow_metadata answered success: false is rejected", async () => {
    const client = new FakeClient(ok({ success: false }));
    const op = updateFlowMetadataOperation(envWith(client), { template: "update_flow_metadata" });
    const outcome = await op.execute(op.plan({ flow_id: "10", name: "n" }, c));
    expect(outcome).toMatchObject({ kind: "rejected", response: { status: 200, body: { success: false } } });
  });

  it("update_flow_json answered success: false (and no validation errors) is rejected", async () => {
    const client = new FakeClient(ok({ success: false, validation_errors: [] }));
    const op = updateFlowJsonOperation(envWith(client), { template: "update_flow_json" });
    const outcome = await op.execute(op.plan({ flow_id: "10", flow_json: MINIMAL_FLOW_JSON }, c));
    expect(outcome.kind).toBe("rejected");
    if (outcome.kind === "rejected") expect(outcome.error.message).toContain("success: false");
  });

  it("create_flow answered success: false is rejected", async () => {
    const client = new FakeClient(ok({ id: "5", success: false, validation_errors: [] }));
    const op = createFlowOperation(envWith(client));
    const outcome = await op.execute(op.plan({ ...record, flow_json: MINIMAL_FLOW_JSON }, c));
    expect(outcome.kind).toBe("rejected");
  });
});

describe("create_flow reads Meta's answer exactly", () => {
  it("an answer without an id is not a success: ambiguous, unless the name lookup finds the Flow", async () => {
    const lost = new FakeClient(ok({}), ok({ data: [] }));
    const op = createFlowOperation(envWith(lost));
    const outcome = await op.execute(op.plan(record, c));
    expect(outcome.kind).toBe("ambiguous");
    if (outcome.kind === "ambiguous") {
      expect(outcome.error.message).toContain(
        "answered HTTP 200 with an empty JSON object, not an object id",
      );
    }
    expect(lost.requests.map((r) => r.method)).toEqual(["POST", "GET"]);
    const found = new FakeClient(
      ok("<html>"),
      ok({ data: [{ id: "77", name: "Sign up", status: "DRAFT" }] }),
    );
    const settled = createFlowOperation(envWith(found));
    expect(await settled.execute(settled.plan(record, c))).toMatchObject({
      kind: "succeeded",
      resolution: "existing_flow",
      result: { flowId: "77" },
    });
  });

  it.each([
    ["a clone_flow_id that does not exist", "Flow with specified ID does not exist"],
    ["a bad Flow JSON version", "Invalid Flow JSON version"],
    ["a bad data_api_version", "Invalid Flow JSON data_api_version"],
    ["two clone sources", "Only one clone source can be set"],
  ])("code 100 for %s rejects with Meta's text, no lookup, never existing_flow", async (_what, title) => {
    const client = new FakeClient(
      graphError(400, { code: 100, message: "Invalid parameter", error_user_title: title }),
    );
    const op = createFlowOperation(envWith(client));
    const outcome = await op.execute(op.plan(record, c));
    expect(outcome.kind).toBe("rejected");
    if (outcome.kind !== "rejected") return;
    expect(outcome.error.message).toContain(`Meta says: Invalid parameter: ${title}`);
    expect(client.requests).toHaveLength(1);
  });

  it.each([
    ["error_user_title", { error_user_title: "Flow name is not unique" }],
    [
      "error_user_msg",
      { error_user_msg: "Flow name should be unique within one WhatsApp Business Account." },
    ],
    ["message", { message: "(#100) Flow name is not unique" }],
  ])("Meta's duplicate-name error (in %s) resolves to the existing Flow", async (_field, error) => {
    const client = new FakeClient(
      graphError(400, { code: 100, ...error }),
      ok({ data: [{ id: "77", name: "Sign up", status: "DRAFT" }] }),
    );
    const op = createFlowOperation(envWith(client));
    expect(await op.execute(op.plan(record, c))).toMatchObject({
      kind: "succeeded",
      resolution: "existing_flow",
      result: { flowId: "77" },
    });
  });

  it("publish: true is confirmed by reading the new Flow's status", async () => {
    const client = new FakeClient(
      ok({ id: "5", success: true, validation_errors: [] }),
      ok({ id: "5", status: "PUBLISHED" }),
    );
    const op = createFlowOperation(envWith(client));
    const context = ctx("flows", 4);
    const outcome = await op.execute(
      op.plan({ ...record, flow_json: MINIMAL_FLOW_JSON, publish: true }, context),
    );
    expect(outcome).toMatchObject({ kind: "succeeded", result: { flowId: "5" } });
    // Create, then the status read: two calls and no retry (what the stream lines report).
    expect(context.calls).toMatchObject({ calls: 2, retries: 0 });
    expect(client.requests[1]).toMatchObject({ method: "GET", path: "5", query: { fields: "id,status" } });
  });

  it("publish: true that left a DRAFT is rejected, naming the draft", async () => {
    const client = new FakeClient(
      ok({ id: "5", success: true, validation_errors: [] }),
      ok({ id: "5", status: "DRAFT" }),
    );
    const op = createFlowOperation(envWith(client));
    const outcome = await op.execute(op.plan({ ...record, flow_json: MINIMAL_FLOW_JSON, publish: true }, c));
    expect(outcome.kind).toBe("rejected");
    if (outcome.kind !== "rejected") return;
    expect(outcome.error.code).toBe("ERR_FLOW_NOT_PUBLISHED");
    expect(outcome.error.message).toContain("(id 5) is not published: it is DRAFT");
  });

  it("publish: true whose name is taken by a DRAFT is rejected, not existing_flow", async () => {
    const client = new FakeClient(
      graphError(400, { code: 100, error_user_title: "Flow name is not unique" }),
      ok({ data: [{ id: "77", name: "Sign up", status: "DRAFT" }] }),
    );
    const op = createFlowOperation(envWith(client));
    const outcome = await op.execute(op.plan({ ...record, flow_json: MINIMAL_FLOW_JSON, publish: true }, c));
    expect(outcome).toMatchObject({ kind: "rejected", error: { code: "ERR_FLOW_NOT_PUBLISHED" } });
  });

  it("publish: true whose name is taken by a THROTTLED (so published) Flow is existing_flow", async () => {
    const client = new FakeClient(
      graphError(400, { code: 100, error_user_title: "Flow name is not unique" }),
      ok({ data: [{ id: "77", name: "Sign up", status: "THROTTLED" }] }),
    );
    const op = createFlowOperation(envWith(client));
    const outcome = await op.execute(op.plan({ ...record, flow_json: MINIMAL_FLOW_JSON, publish: true }, c));
    expect(outcome).toMatchObject({
      kind: "succeeded",
      resolution: "existing_flow",
      result: { flowId: "77" },
    });
  });
});
