import { describe, expect, it } from "vitest";
import { deleteFlowOperation } from "../../../src/operations/flows/delete-flow.js";
import { deprecateFlowOperation } from "../../../src/operations/flows/deprecate-flow.js";
import { publishFlowOperation } from "../../../src/operations/flows/publish-flow.js";
import { ctx, envWith, FakeClient, graphError, ok, PREFIX, resetAfterWrite } from "./support/fixtures.js";

const c = ctx("go_live", 1);

describe("publish / deprecate / delete plans", () => {
  it.each([
    ["publish", publishFlowOperation, "POST", "10/publish"],
    ["deprecate", deprecateFlowOperation, "POST", "10/deprecate"],
    ["delete", deleteFlowOperation, "DELETE", "10"],
  ] as const)(
    "%s: %s /%s with no body, idempotent, Meta's { success } expected",
    (_name, factory, method, path) => {
      const endpoint = { template: "publish_flow" } as never;
      const plan = factory(envWith(new FakeClient()), endpoint).plan({ flow_id: "10" }, c);
      expect(plan.request).toEqual({
        method,
        path,
        body: { kind: "none" },
        idempotent: true,
        pacing: { kind: "management", wabaId: expect.any(String) },
        expect: "success_flag",
      });
      expect(plan.summary).toEqual({ method, url: `${PREFIX}${path}` });
      expect(plan.key).toBe("flow:10");
    },
  );

  it("takes the flow id from the stream config first", () => {
    const plan = publishFlowOperation(envWith(new FakeClient()), {
      template: "publish_flow",
      flow_id: "555",
    }).plan({ flow_id: "10" }, c);
    expect(plan.request.path).toBe("555/publish");
  });

  it("without a configured flow id the record must have one", () => {
    const op = publishFlowOperation(envWith(new FakeClient()), { template: "publish_flow" });
    expect(() => op.plan({}, c)).toThrow(
      'stream "go_live" record 1: field "flow_id" or "flow_name" is required',
    );
    expect(() => op.plan({ flow_id: true }, c)).toThrow('field "flow_id" must be a numeric ID');
  });
});

describe("publish_flow execute", () => {
  const run = async (client: FakeClient, context = c) => {
    const op = publishFlowOperation(envWith(client), { template: "publish_flow" });
    return op.execute(op.plan({ flow_id: "10" }, context));
  };

  it("succeeds on success: true", async () => {
    expect(await run(new FakeClient(ok({ success: true })))).toMatchObject({
      kind: "succeeded",
      result: { flowId: "10" },
    });
  });

  it("a lost answer is confirmed by reading the flow's status", async () => {
    const client = new FakeClient(resetAfterWrite(6), ok({ id: "10", status: "PUBLISHED" }, 1));
    const context = ctx("go_live", 1);
    const outcome = await run(client, context);
    expect(outcome).toMatchObject({ kind: "succeeded", resolution: "confirmed_by_status" });
    // The publish was sent six times (five retries), the status read once: two calls.
    expect(context.calls).toMatchObject({ calls: 2, retries: 5 });
    expect(client.requests[1]).toMatchObject({ method: "GET", path: "10", query: { fields: "id,status" } });
  });

  it("the retry after a lost answer, refused with 139002, is a success when the flow is PUBLISHED", async () => {
    const client = new FakeClient(
      graphError(400, { code: 139002 }, 2),
      ok({ id: "10", status: "PUBLISHED" }),
    );
    expect(await run(client)).toMatchObject({ kind: "succeeded", resolution: "confirmed_by_status" });
  });

  it("a refused publish of a draft stays rejected", async () => {
    const client = new FakeClient(graphError(400, { code: 139002 }), ok({ id: "10", status: "DRAFT" }));
    const outcome = await run(client);
    expect(outcome.kind).toBe("rejected");
  });

  it("an outage beyond the retry budget (still a draft) stops the sync as transient", async () => {
    const client = new FakeClient(resetAfterWrite(6), ok({ id: "10", status: "DRAFT" }));
    await expect(run(client)).rejects.toMatchObject({
      failureType: "transient_error",
      code: "ERR_GRAPH_UNAVAILABLE",
    });
  });
});

describe("deprecate_flow execute", () => {
  const run = async (client: FakeClient, context = c) => {
    const op = deprecateFlowOperation(envWith(client), { template: "deprecate_flow" });
    return op.execute(op.plan({ flow_id: "10" }, context));
  };

  it("an already deprecated flow (139003) is a success", async () => {
    const client = new FakeClient(graphError(400, { code: 139003 }), ok({ id: "10", status: "DEPRECATED" }));
    const context = ctx("go_live", 1);
    expect(await run(client, context)).toMatchObject({ kind: "succeeded", resolution: "already_deprecated" });
    // The refused deprecate and the status read: two calls, no retry.
    expect(context.calls).toMatchObject({ calls: 2, retries: 0 });
  });

  it("139003 on a draft is a rejection", async () => {
    const client = new FakeClient(graphError(400, { code: 139003 }), ok({ id: "10", status: "DRAFT" }));
    expect((await run(client)).kind).toBe("rejected");
  });
});

describe("delete_flow execute", () => {
  const run = async (client: FakeClient) => {
    const op = deleteFlowOperation(envWith(client), { template: "delete_flow" });
    return op.execute(op.plan({ flow_id: "10" }, c));
  };

  it("a vanished flow (100/33) is a success without a further call", async () => {
    const client = new FakeClient(graphError(400, { code: 100, error_subcode: 33 }, 1, "DELETE"));
    expect(await run(client)).toMatchObject({ kind: "succeeded", resolution: "already_deleted" });
    expect(client.requests).toHaveLength(1);
  });

  it("a published flow cannot be deleted (139004): rejected", async () => {
    const client = new FakeClient(graphError(400, { code: 139004 }), ok({ id: "10", status: "PUBLISHED" }));
    expect((await run(client)).kind).toBe("rejected");
  });
});
