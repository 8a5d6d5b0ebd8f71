import { describe, expect, it } from "vitest";
import { deleteFlowOperation } from "../../../src/operations/flows/delete-flow.js";
import { publishFlowOperation } from "../../../src/operations/flows/publish-flow.js";
import { updateFlowJsonOperation } from "../../../src/operations/flows/update-flow-json.js";
import { updateFlowMetadataOperation } from "../../../src/operations/flows/update-flow-metadata.js";
import { flowNamesOf, UNKNOWN_NAME } from "../../../src/operations/graph-calls/flow-names.js";
import {
  ctx,
  envWith,
  FakeClient,
  graphError,
  MINIMAL_FLOW_JSON,
  ok,
  PREFIX,
  WABA,
} from "./support/fixtures.js";

const c = ctx("by_name", 3);
const flows = (...items: [string, string, string?][]) =>
  ok({ data: items.map(([id, name, status]) => ({ id, name, status: status ?? "DRAFT" })) });

describe("Flows named by flow_name, resolved under the WABA once per name per sync", () => {
  it("plans with a placeholder path and the name as ordering key, without any call", () => {
    const client = new FakeClient();
    const plan = publishFlowOperation(envWith(client), { template: "publish_flow" }).plan(
      { flow_name: "Order survey" },
      c,
    );
    expect(plan.summary.url).toBe(`${PREFIX}{flow_name:Order%20survey}/publish`);
    expect(plan.key).toBe("flow-name:Order survey");
    expect(client.requests).toEqual([]);
  });

  it("one list call answers every name it lists; the calls then go to the resolved ids", async () => {
    const client = new FakeClient(
      flows(["11", "A"], ["22", "B"]),
      ok({ success: true }),
      ok({ success: true }),
      ok({ success: true }),
    );
    const env = envWith(client);
    const publish = publishFlowOperation(env, { template: "publish_flow" });
    const metadata = updateFlowMetadataOperation(env, { template: "update_flow_metadata" });
    const json = updateFlowJsonOperation(env, { template: "update_flow_json" });
    const first = await publish.execute(publish.plan({ flow_name: "A" }, c));
    const second = await metadata.execute(metadata.plan({ flow_name: "B", categories: ["OTHER"] }, c));
    const third = await json.execute(json.plan({ flow_name: "A", flow_json: MINIMAL_FLOW_JSON }, c));
    expect([first.kind, second.kind, third.kind]).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(first.request).toEqual({ method: "POST", url: `${PREFIX}11/publish` });
    expect(client.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${WABA}/flows`,
      "POST 11/publish",
      "POST 22",
      "POST 11/assets",
    ]);
    expect(flowNamesOf(env).scans).toBe(1);
  });

  it("answers a name without a call only once a scan or this sync placed it (cached)", async () => {
    const client = new FakeClient(flows(["11", "A"]));
    const env = envWith(client);
    const names = flowNamesOf(env);
    expect(names.cached("A")).toBe(UNKNOWN_NAME);
    names.remember({ id: "33", name: "Created here", status: "DRAFT" });
    expect(names.cached("Created here")).toMatchObject({ id: "33" });
    expect(names.cached("B")).toBe(UNKNOWN_NAME);
    await names.resolve(env, "A", undefined, c.calls);
    expect(names.cached("A")).toMatchObject({ id: "11" });
    // The scan read the whole list: a name it did not see does not exist, until this sync makes it.
    expect(names.cached("B")).toBeUndefined();
    names.forget("A");
    expect(names.cached("A")).toBeUndefined();
    expect(client.requests).toHaveLength(1);
  });

  it("concurrent records naming Flows share one scan", async () => {
    const client = new FakeClient(
      flows(["11", "A"], ["22", "B"]),
      ok({ success: true }),
      ok({ success: true }),
    );
    const env = envWith(client);
    const publish = publishFlowOperation(env, { template: "publish_flow" });
    const outcomes = await Promise.all([
      publish.execute(publish.plan({ flow_name: "A" }, c)),
      publish.execute(publish.plan({ flow_name: "B" }, c)),
    ]);
    expect(outcomes.map((o) => o.kind)).toEqual(["succeeded", "succeeded"]);
    expect(flowNamesOf(env).scans).toBe(1);
  });

  it("a name that does not exist rejects the record naming it, and is not looked up again", async () => {
    const client = new FakeClient(flows(["11", "A"]));
    const env = envWith(client);
    const publish = publishFlowOperation(env, { template: "publish_flow" });
    for (let i = 0; i < 2; i++) {
      const outcome = await publish.execute(publish.plan({ flow_name: "Missing" }, c));
      expect(outcome.kind).toBe("rejected");
      if (outcome.kind !== "rejected") return;
      expect(outcome.error.message).toContain(
        `stream "by_name" record 3: field "flow_name": no Flow named "Missing" exists under WhatsApp Business Account ${WABA}`,
      );
      expect(outcome.error.code).toBe("ERR_FLOW_NAME_UNKNOWN");
    }
    expect(client.requests).toHaveLength(1);
  });

  it("a list that could not be read rejects the record and lets a later one try again", async () => {
    const client = new FakeClient(
      graphError(400, { code: 100, message: "Invalid parameter" }, 1, "GET"),
      flows(["11", "A"]),
      ok({ success: true }),
    );
    const env = envWith(client);
    const publish = publishFlowOperation(env, { template: "publish_flow" });
    const failed = await publish.execute(publish.plan({ flow_name: "A" }, c));
    expect(failed.kind === "rejected" && failed.error.code).toBe("ERR_FLOW_NAME_UNRESOLVED");
    const retried = await publish.execute(publish.plan({ flow_name: "A" }, c));
    expect(retried.kind).toBe("succeeded");
    expect(flowNamesOf(env).scans).toBe(2);
  });

  it("a Flow deleted by name no longer resolves in the same sync", async () => {
    const client = new FakeClient(flows(["11", "A"]), ok({ success: true }));
    const env = envWith(client);
    const remove = deleteFlowOperation(env, { template: "delete_flow" });
    expect((await remove.execute(remove.plan({ flow_name: "A" }, c))).kind).toBe("succeeded");
    const publish = publishFlowOperation(env, { template: "publish_flow" });
    const again = await publish.execute(publish.plan({ flow_name: "A" }, c));
    expect(again.kind === "rejected" && again.error.code).toBe("ERR_FLOW_NAME_UNKNOWN");
    expect(client.requests).toHaveLength(2);
  });
});
