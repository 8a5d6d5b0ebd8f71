import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/errors/index.js";
import { campaignGuardsOf, flowHealthOf } from "../../../src/operations/graph-calls/campaign-guards.js";
import { compileOperation } from "../../../src/operations/index.js";
import { ctx, envWith, FakeClient, graphError, makeConfig, ok, PHONE } from "./support/fixtures.js";

const FLOW = "900000000000001";

function interactiveSend(client: FakeClient, guardrails: object = {}) {
  const endpoint = { template: "send_published_flow" as const };
  const config = makeConfig([endpoint], { guardrails });
  const op = compileOperation(envWith(client, config), endpoint, "streams[0].endpoint");
  const plan = op.plan(
    { to: "+15551230001", flow_id: FLOW, flow_cta: "Open", body: "Hi" },
    ctx("invites", 1, endpoint),
  );
  return { op, plan };
}

describe("Meta's health_status of a Flow", () => {
  it("BLOCKED names the blocked entity, Meta's error and its possible solution", () => {
    const health = flowHealthOf({
      health_status: {
        can_send_message: "BLOCKED",
        entities: [
          {
            entity_type: "FLOW",
            id: FLOW,
            can_send_message: "BLOCKED",
            errors: [
              { error_code: 139003, error_description: "Endpoint down.", possible_solution: "Fix it." },
            ],
          },
          { entity_type: "WABA", id: "1", can_send_message: "AVAILABLE" },
        ],
      },
    });
    expect(health).toEqual({
      blocked: true,
      reason: `health_status FLOW ${FLOW} is BLOCKED: Endpoint down. [139003] (Fix it.)`,
    });
  });

  it("LIMITED still sends, and an answer without health_status says nothing", () => {
    expect(flowHealthOf({ health_status: { can_send_message: "LIMITED" } })?.blocked).toBe(false);
    expect(flowHealthOf({ id: FLOW })).toBeUndefined();
  });
});

describe("the campaign guards of a sync", () => {
  it("a BLOCKED Flow is read once and its sends are rejected without a call", async () => {
    const blocked = { health_status: { can_send_message: "BLOCKED", entities: [] } };
    const client = new FakeClient(ok(blocked));
    const { op, plan } = interactiveSend(client, { flow_health_guard: "on" });
    expect(await op.execute(plan)).toMatchObject({ kind: "rejected", error: { code: "ERR_CAMPAIGN_GUARD" } });
    expect(await op.execute(plan)).toMatchObject({ kind: "rejected" });
    expect(client.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${FLOW}`]);
  });

  it("131048 stops the sender: the send throws a config_error naming it, and the next one makes no call", async () => {
    const client = new FakeClient(graphError(400, { code: 131048 }));
    const { op, plan } = interactiveSend(client, { flow_health_guard: "off" });
    const first = await op.execute(plan).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(ConfigError);
    expect((first as ConfigError).message).toContain(`phone number ${PHONE}`);
    await expect(op.execute(plan)).rejects.toBe(first);
    expect(client.requests).toHaveLength(1);
  });

  it("with spam_limit_guard off, 131048 is read as before (the client already waited it out)", async () => {
    const client = new FakeClient(graphError(400, { code: 131048 }, 3));
    const { op, plan } = interactiveSend(client, { flow_health_guard: "off", spam_limit_guard: "off" });
    const error = await op.execute(plan).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ConfigError);
    expect((error as { failureType: string }).failureType).toBe("transient_error");
  });

  it("each sync (client) has its own guards", () => {
    const a = envWith(new FakeClient());
    const b = envWith(new FakeClient());
    expect(campaignGuardsOf(a)).toBe(campaignGuardsOf(a));
    expect(campaignGuardsOf(a)).not.toBe(campaignGuardsOf(b));
  });
});
