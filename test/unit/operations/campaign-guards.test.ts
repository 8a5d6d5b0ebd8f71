import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/errors/index.js";
import { campaignGuardsOf, type GuardedSend } from "../../../src/operations/graph-calls/campaign-guards.js";
import { flowHealthOf } from "../../../src/operations/graph-calls/flow-health.js";
import { compileOperation } from "../../../src/operations/index.js";
import { sendFlowTemplateOperation } from "../../../src/operations/messages/send-flow-template.js";
import { ctx, envWith, FakeClient, graphError, makeConfig, ok, PHONE, WABA } from "./support/fixtures.js";

const FLOW = "900000000000001";

function interactiveSend(client: FakeClient, guardrails: object = {}, flow: object = { flow_id: FLOW }) {
  const endpoint = { template: "send_published_flow" as const };
  const config = makeConfig([endpoint], { guardrails });
  const op = compileOperation(envWith(client, config), endpoint, "streams[0].endpoint");
  const planFor = (to: string, ref: object = flow, index = 1) =>
    op.plan({ to, ...ref, flow_cta: "Open", body: "Hi" }, ctx("invites", index, endpoint));
  return { op, plan: planFor("+15551230001"), planFor };
}

const BLOCKED_BY_ENDPOINT = {
  health_status: {
    can_send_message: "BLOCKED",
    entities: [
      {
        entity_type: "FLOW",
        id: FLOW,
        can_send_message: "BLOCKED",
        errors: [{ error_code: 139003, error_description: "Endpoint down.", possible_solution: "Fix it." }],
      },
    ],
  },
};
const FLOW_LIST = { data: [{ id: FLOW, name: "welcome", status: "PUBLISHED" }], paging: {} };
const SENT = { messaging_product: "whatsapp", messages: [{ id: "wamid.A" }] };

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

  it("a Flow named by flow_name is resolved once through the WABA's list and health-checked like an id", async () => {
    const client = new FakeClient(ok(FLOW_LIST), ok(BLOCKED_BY_ENDPOINT));
    const { op, plan, planFor } = interactiveSend(
      client,
      { flow_health_guard: "on" },
      { flow_name: "welcome" },
    );
    const outcome = await op.execute(plan);
    expect(outcome).toMatchObject({ kind: "rejected", error: { code: "ERR_CAMPAIGN_GUARD" } });
    expect(outcome.kind === "rejected" && outcome.error.message).toContain(
      `stream "invites" record 1: not sent: Flow ${FLOW} ("welcome") cannot be sent: health_status FLOW ${FLOW} is BLOCKED: Endpoint down. [139003] (Fix it.)`,
    );
    // The same Flow by name again, and by id: no list scan, no health read, no send.
    expect(await op.execute(planFor("+15551230002", { flow_name: "welcome" }, 2))).toMatchObject({
      kind: "rejected",
    });
    expect(await op.execute(planFor("+15551230003", { flow_id: FLOW }, 3))).toMatchObject({
      kind: "rejected",
    });
    expect(client.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${WABA}/flows`, `GET ${FLOW}`]);
  });

  it("decides a send at once, without a promise, once the sync knows its Flow's name and health", async () => {
    const client = new FakeClient(ok(FLOW_LIST), ok(BLOCKED_BY_ENDPOINT));
    const endpoint = { template: "send_published_flow" as const };
    const env = envWith(client, makeConfig([endpoint], { guardrails: { flow_health_guard: "on" } }));
    const op = compileOperation(env, endpoint, "streams[0].endpoint");
    const planFor = (to: string, index: number) =>
      op.plan(
        { to, flow_name: "welcome", flow_cta: "Open", body: "Hi" },
        ctx("invites", index, endpoint),
      ) as GuardedSend;
    const guards = campaignGuardsOf(env);
    const first = guards.beforeSend(planFor("+15551230001", 1), undefined, undefined);
    expect(first).toBeInstanceOf(Promise);
    const firstVerdict = await first;
    const second = guards.beforeSend(planFor("+15551230002", 2), undefined, undefined);
    expect(second).not.toBeInstanceOf(Promise);
    expect(second).toMatchObject({ kind: "rejected", error: { code: "ERR_CAMPAIGN_GUARD" } });
    expect((second as Awaited<typeof first>)?.error.message).toBe(
      firstVerdict?.error.message.replace("record 1", "record 2"),
    );
    expect(client.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${WABA}/flows`, `GET ${FLOW}`]);
  });

  it("a flow_name the WABA does not hold is not health-checked: the send goes to Meta, which answers for it", async () => {
    const client = new FakeClient(ok(FLOW_LIST), ok(SENT));
    const { op, plan } = interactiveSend(client, { flow_health_guard: "on" }, { flow_name: "no_such_flow" });
    expect(await op.execute(plan)).toMatchObject({ kind: "succeeded" });
    expect(client.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${WABA}/flows`,
      `POST ${PHONE}/messages`,
    ]);
  });

  it("with flow_health_guard off, a flow_name send makes no list or health read", async () => {
    const client = new FakeClient(ok(SENT));
    const { op, plan } = interactiveSend(client, { flow_health_guard: "off" }, { flow_name: "welcome" });
    expect(await op.execute(plan)).toMatchObject({ kind: "succeeded" });
    expect(client.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${PHONE}/messages`]);
  });

  it("senders named by records: each one's quality is read once before its first MARKETING send; a RED one throws before any send from it", async () => {
    const OTHER = "106540352242923";
    const promo = {
      id: "901",
      name: "spring_promo",
      language: "en_US",
      status: "APPROVED",
      category: "MARKETING",
      components: [{ type: "BUTTONS", buttons: [{ type: "FLOW", text: "Open" }] }],
    };
    const client = new FakeClient(
      ok({ data: [promo], paging: {} }),
      ok({ id: PHONE, quality_rating: "GREEN" }),
      ok(SENT),
      ok(SENT),
      ok({ id: OTHER, quality_rating: "RED" }),
    );
    const config = makeConfig([], { guardrails: { quality_guard: "on", flow_health_guard: "off" } });
    const op = sendFlowTemplateOperation(envWith(client, config), {});
    await op.prepare?.();
    const c = (i: number) => ctx("campaign", i, { template: "send_flow_template" });
    const record = (to: string, sender?: string) => ({
      to,
      template_name: "spring_promo",
      language: "en_US",
      ...(sender === undefined ? {} : { phone_number_id: sender }),
    });
    expect(await op.execute(op.plan(record("+15551230001"), c(1)))).toMatchObject({ kind: "succeeded" });
    expect(await op.execute(op.plan(record("+15551230002", PHONE), c(2)))).toMatchObject({
      kind: "succeeded",
    });
    const red = op.plan(record("+15551230003", OTHER), c(3));
    const error = await op.execute(red).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(`the quality rating of phone number ${OTHER} is RED`);
    expect((error as ConfigError).message).toContain('stream "campaign" record 3');
    // Read once per number, cached: the same number's next record makes no read and no send.
    await expect(op.execute(op.plan(record("+15551230004", OTHER), c(4)))).rejects.toBeInstanceOf(
      ConfigError,
    );
    expect(client.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${WABA}/message_templates`,
      `GET ${PHONE}`,
      `POST ${PHONE}/messages`,
      `POST ${PHONE}/messages`,
      `GET ${OTHER}`,
    ]);
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

  it("a template send: the Flow its FLOW button opens (from the template list, no other list call) is read once; BLOCKED rejects its sends without a call, naming template, Flow and reason", async () => {
    const OTHER_FLOW = "900000000000002";
    const template = (name: string, flowId: unknown) => ({
      id: name,
      name,
      language: "en_US",
      status: "APPROVED",
      category: "UTILITY",
      components: [{ type: "BUTTONS", buttons: [{ type: "FLOW", text: "Open", flow_id: flowId }] }],
    });
    const client = new FakeClient(
      ok({ data: [template("blocked_one", Number(FLOW)), template("fine_one", OTHER_FLOW)], paging: {} }),
      ok(BLOCKED_BY_ENDPOINT),
      ok({ health_status: { can_send_message: "AVAILABLE", entities: [] } }),
      ok(SENT),
    );
    const config = makeConfig([], { guardrails: { flow_health_guard: "on" } });
    const op = sendFlowTemplateOperation(envWith(client, config), {});
    await op.prepare?.();
    const c = (i: number) => ctx("campaign", i, { template: "send_flow_template" });
    const record = (to: string, name: string) => ({ to, template_name: name, language: "en_US" });
    const rejected = await op.execute(op.plan(record("+15551230001", "blocked_one"), c(1)));
    expect(rejected).toMatchObject({ kind: "rejected", error: { code: "ERR_CAMPAIGN_GUARD" } });
    const message = (rejected as { error: Error }).error.message;
    expect(message).toContain('stream "campaign" record 1');
    expect(message).toContain(`template "blocked_one" (en_US) opens Flow ${FLOW} (its FLOW button)`);
    expect(message).toContain(`health_status FLOW ${FLOW} is BLOCKED: Endpoint down. [139003] (Fix it.)`);
    expect(await op.execute(op.plan(record("+15551230002", "blocked_one"), c(2)))).toMatchObject({
      kind: "rejected",
    });
    expect(await op.execute(op.plan(record("+15551230003", "fine_one"), c(3)))).toMatchObject({
      kind: "succeeded",
    });
    expect(client.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${WABA}/message_templates`,
      `GET ${FLOW}`,
      `GET ${OTHER_FLOW}`,
      `POST ${PHONE}/messages`,
    ]);
  });

  it("a template send whose list entry names no Flow id, or with flow_health_guard off, is sent without a health read", async () => {
    const noFlowId = {
      id: "1",
      name: "legacy",
      language: "en_US",
      status: "APPROVED",
      category: "UTILITY",
      components: [{ type: "BUTTONS", buttons: [{ type: "FLOW", text: "Open" }] }],
    };
    const withFlowId = { ...noFlowId, id: "2", name: "current" };
    withFlowId.components = [
      { type: "BUTTONS", buttons: [{ type: "FLOW", text: "Open", flow_id: FLOW } as never] },
    ];
    for (const [guardrails, name] of [
      [{ flow_health_guard: "on" }, "legacy"],
      [{ flow_health_guard: "off" }, "current"],
    ] as const) {
      const client = new FakeClient(ok({ data: [noFlowId, withFlowId], paging: {} }), ok(SENT));
      const op = sendFlowTemplateOperation(envWith(client, makeConfig([], { guardrails })), {});
      await op.prepare?.();
      const plan = op.plan(
        { to: "+15551230001", template_name: name, language: "en_US" },
        ctx("campaign", 1, { template: "send_flow_template" }),
      );
      expect(await op.execute(plan)).toMatchObject({ kind: "succeeded" });
      expect(client.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        `GET ${WABA}/message_templates`,
        `POST ${PHONE}/messages`,
      ]);
    }
  });

  it("each sync (client) has its own guards", () => {
    const a = envWith(new FakeClient());
    const b = envWith(new FakeClient());
    expect(campaignGuardsOf(a)).toBe(campaignGuardsOf(a));
    expect(campaignGuardsOf(a)).not.toBe(campaignGuardsOf(b));
  });
});
