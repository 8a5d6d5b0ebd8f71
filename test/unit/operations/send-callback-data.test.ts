import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/errors/index.js";
import { parseConfig } from "../../../src/operations/catalog/connector-config.js";
import type { RecordContext } from "../../../src/operations/index.js";
import { CALLBACK_DATA_LIMIT, recordHash } from "../../../src/operations/messages/callback-data.js";
import { sendFlowMessageOperation } from "../../../src/operations/messages/send-flow-message.js";
import { sendFlowTemplateOperation } from "../../../src/operations/messages/send-flow-template.js";
import {
  ctx,
  envWith,
  FakeClient,
  graphError,
  makeConfig,
  ok,
  PHONE,
  rejection,
} from "./support/fixtures.js";

const invite = { to: "+15551234567", flow_id: "1234", flow_cta: "Open", body: "Hi", customer_id: 42 };

function withKey(context: RecordContext, primaryKey: string[][], namespace?: string): RecordContext {
  return { ...context, stream: { ...context.stream, primaryKey, namespace } };
}

function callbackDataOf(plan: { request: { body: unknown } }): unknown {
  return (plan.request.body as { value: { biz_opaque_callback_data?: unknown } }).value
    .biz_opaque_callback_data;
}

const published = (callbackDataField?: string) =>
  sendFlowMessageOperation(envWith(new FakeClient()), {
    template: "send_published_flow",
    ...(callbackDataField === undefined ? {} : { callback_data_field: callbackDataField }),
  });

describe("biz_opaque_callback_data of every send", () => {
  it("by default: the stream and the record's primary key, as JSON", () => {
    const c = withKey(ctx("invites", 3), [["customer_id"]]);
    const data = callbackDataOf(published().plan(invite, c));
    expect(JSON.parse(String(data))).toEqual({ stream: "invites", key: { customer_id: 42 } });
  });

  it("names the namespace and every field of a composite or nested primary key", () => {
    const c = withKey(ctx("invites", 3), [["customer_id"], ["meta", "campaign"]], "crm");
    const record = { ...invite, meta: { campaign: "spring" } };
    expect(JSON.parse(String(callbackDataOf(published().plan(record, c))))).toEqual({
      stream: "invites",
      namespace: "crm",
      key: { customer_id: 42, "meta.campaign": "spring" },
    });
  });

  it("without a primary key: the stream and a hash that changes with any field", () => {
    const c = ctx("invites", 3);
    const data = JSON.parse(String(callbackDataOf(published().plan(invite, c))));
    expect(data).toEqual({ stream: "invites", record_hash: recordHash(invite) });
    expect(recordHash({ ...invite, body: "Hello" })).not.toBe(data.record_hash);
    // Key order is not part of the record's identity.
    const { to, ...rest } = invite;
    expect(recordHash({ ...rest, to })).toBe(data.record_hash);
  });

  it("a named field's value, as given (numbers as their JSON text)", () => {
    const c = withKey(ctx("invites", 3), [["customer_id"]]);
    expect(callbackDataOf(published("order_ref").plan({ ...invite, order_ref: "ORD-7" }, c))).toBe("ORD-7");
    expect(callbackDataOf(published("customer_id").plan(invite, c))).toBe("42");
  });

  it("a named field at Meta's limit is sent; one character more rejects the record before any call", () => {
    const client = new FakeClient();
    const op = sendFlowMessageOperation(envWith(client), {
      template: "send_published_flow",
      callback_data_field: "ref",
    });
    const c = ctx("invites", 9);
    const atLimit = "x".repeat(CALLBACK_DATA_LIMIT);
    expect(callbackDataOf(op.plan({ ...invite, ref: atLimit }, c))).toBe(atLimit);
    const error = rejection(() => op.plan({ ...invite, ref: `${atLimit}x` }, c));
    expect(error.message).toBe(
      `stream "invites" record 9: field "ref" is ${CALLBACK_DATA_LIMIT + 1} characters; as the callback data (callback_data_field) Meta takes at most ${CALLBACK_DATA_LIMIT}`,
    );
    expect(client.requests).toEqual([]);
  });

  it("a named field the record lacks rejects it, naming the record, stream and field", () => {
    const error = rejection(() => published("order_ref").plan(invite, ctx("invites", 5)));
    expect(error.message).toBe(
      'stream "invites" record 5: field "order_ref" is missing: the endpoint\'s callback_data_field names it as the message\'s callback data',
    );
  });

  it("a primary key whose callback data would pass Meta's limit rejects the record, saying what to do", () => {
    const c = withKey(ctx("invites", 6), [["customer_id"]]);
    const error = rejection(() => published().plan({ ...invite, customer_id: "9".repeat(500) }, c));
    expect(error.message).toMatch(
      /^stream "invites" record 6: its callback data \(the stream and primary key customer_id\) is \d+ characters; Meta's biz_opaque_callback_data takes at most 512: name a shorter field in the endpoint's callback_data_field$/,
    );
  });

  it("send_flow_template carries it too", () => {
    const op = sendFlowTemplateOperation(envWith(new FakeClient()), { callback_data_field: "order_ref" });
    const plan = op.plan(
      { to: "+15551234567", template_name: "spring_promo", order_ref: "ORD-9" },
      ctx("campaign", 1, { template: "send_flow_template" }),
    );
    expect(callbackDataOf(plan)).toBe("ORD-9");
  });

  it("send_flow_template rejects a record whose named field is missing or over Meta's limit, naming it", () => {
    const client = new FakeClient();
    const op = sendFlowTemplateOperation(envWith(client), { callback_data_field: "order_ref" });
    const c = ctx("campaign", 4, { template: "send_flow_template" });
    const promo = { to: "+15551234567", template_name: "spring_promo" };
    expect(rejection(() => op.plan(promo, c)).message).toBe(
      'stream "campaign" record 4: field "order_ref" is missing: the endpoint\'s callback_data_field names it as the message\'s callback data',
    );
    const tooLong = rejection(() => op.plan({ ...promo, order_ref: "r".repeat(CALLBACK_DATA_LIMIT + 1) }, c));
    expect(tooLong.message).toBe(
      `stream "campaign" record 4: field "order_ref" is ${CALLBACK_DATA_LIMIT + 1} characters; as the callback data (callback_data_field) Meta takes at most ${CALLBACK_DATA_LIMIT}`,
    );
    expect(tooLong.field).toBe("order_ref");
    expect(client.requests).toEqual([]);
  });

  it.each([
    ["marketing_messages_api", "always"],
    ["callback_data_field", ""],
  ])("an option value the spec does not allow (%s: %j) is a config_error naming it", (option, value) => {
    const raw = {
      access_token: "t",
      waba_id: "1",
      phone_number_id: PHONE,
      streams: [{ stream_name: "s", endpoint: { template: "send_flow_template", [option]: value } }],
    };
    let error: unknown;
    try {
      parseConfig(raw);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(option);
  });
});

/** A MARKETING template with a FLOW button, as the WABA's template list gives it. */
const PROMO = {
  id: "901",
  name: "spring_promo",
  language: "en_US",
  status: "APPROVED",
  category: "MARKETING",
  components: [
    { type: "BODY", text: "Spring is here" },
    { type: "BUTTONS", buttons: [{ type: "FLOW", text: "Open" }] },
  ],
};
const UTILITY = { ...PROMO, id: "902", name: "order_update", category: "UTILITY" };
const SENT = { messaging_product: "whatsapp", messages: [{ id: "wamid.A" }] };
const NOT_ONBOARDED = () => graphError(403, { code: 200, message: "(#200) not onboarded" });

async function marketingOp(client: FakeClient, mode: "off" | "auto", env = envWith(client, makeConfig())) {
  const op = sendFlowTemplateOperation(env, { marketing_messages_api: mode });
  expect(await op.prepare?.()).toBeUndefined();
  return op;
}

const promo = (to: string, template = "spring_promo") => ({ to, template_name: template });
const c = ctx("campaign", 1, { template: "send_flow_template" });

describe("send_flow_template and the Marketing Messages API", () => {
  it("auto: a MARKETING template goes to /marketing_messages, any other to /messages", async () => {
    const client = new FakeClient(ok({ data: [PROMO, UTILITY], paging: {} }), ok(SENT), ok(SENT));
    const op = await marketingOp(client, "auto");
    expect(await op.execute(op.plan(promo("+15550000001"), c))).toMatchObject({ kind: "succeeded" });
    expect(await op.execute(op.plan(promo("+15550000002", "order_update"), c))).toMatchObject({
      kind: "succeeded",
    });
    expect(client.requests.slice(1).map((r) => r.path)).toEqual([
      `${PHONE}/marketing_messages`,
      `${PHONE}/messages`,
    ]);
  });

  it("off (the default): every template goes to /messages", async () => {
    const client = new FakeClient(ok({ data: [PROMO], paging: {} }), ok(SENT));
    const op = await marketingOp(client, "off");
    await op.execute(op.plan(promo("+15550000001"), c));
    expect(client.requests[1]?.path).toBe(`${PHONE}/messages`);
  });

  it("auto, WABA not onboarded: falls back to /messages once, with one warning for the sync", async () => {
    const client = new FakeClient(
      ok({ data: [PROMO], paging: {} }),
      NOT_ONBOARDED(),
      ok(SENT),
      ok(SENT),
      ok(SENT),
    );
    const op = await marketingOp(client, "auto");
    const first = await op.execute(op.plan(promo("+15550000001"), c));
    const second = await op.execute(op.plan(promo("+15550000002"), c));
    const third = await op.execute(op.plan(promo("+15550000003"), c));
    expect(client.requests.slice(1).map((r) => r.path)).toEqual([
      `${PHONE}/marketing_messages`,
      `${PHONE}/messages`,
      `${PHONE}/messages`,
      `${PHONE}/messages`,
    ]);
    expect(first).toMatchObject({ kind: "succeeded", warnings: [expect.stringMatching(/not onboarded/)] });
    expect(second).toMatchObject({ kind: "succeeded" });
    expect(second.kind === "succeeded" && second.warnings).toBeFalsy();
    expect(third.kind === "succeeded" && third.warnings).toBeFalsy();
    // The fallback sends the same message, with the callback data /marketing_messages does not take.
    const body = (i: number) => (client.requests[i]!.body as { value: Record<string, unknown> }).value;
    expect(body(1).biz_opaque_callback_data).toBeUndefined();
    expect(body(2)).toEqual({ ...body(1), biz_opaque_callback_data: expect.stringContaining('"campaign"') });
  });
});
