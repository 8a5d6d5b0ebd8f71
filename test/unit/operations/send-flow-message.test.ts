import { describe, expect, it } from "vitest";
import { RecordError } from "../../../src/errors/index.js";
import { recordHash } from "../../../src/operations/messages/callback-data.js";
import { sendFlowMessageOperation } from "../../../src/operations/messages/send-flow-message.js";
import { ctx, envWith, FakeClient, makeConfig, PHONE, PREFIX } from "./support/fixtures.js";

const c = ctx("invites", 12);
const published = (client = new FakeClient(), phone?: string) =>
  sendFlowMessageOperation(envWith(client), {
    template: "send_published_flow",
    ...(phone ? { phone_number_id: phone } : {}),
  });
const draft = () => sendFlowMessageOperation(envWith(new FakeClient()), { template: "send_draft_flow" });

const shorthand = {
  to: "15551234567",
  flow_id: "1234",
  flow_cta: "Book now",
  body: "Book your visit",
  header: "Visits",
  footer: "Reply STOP to opt out",
  flow_token: "tok-1",
  screen: "WELCOME",
  data: { visit: "x" },
};

describe("send plan (shorthand)", () => {
  it("builds Meta's interactive Flow message in the collection's field order", () => {
    const plan = published().plan(shorthand, c);
    expect(plan.request).toMatchObject({ method: "POST", path: `${PHONE}/messages`, idempotent: false });
    expect(plan.request.pacing).toEqual({ kind: "send", phoneNumberId: PHONE, recipient: "+15551234567" });
    expect(plan.summary).toEqual({ method: "POST", url: `${PREFIX}${PHONE}/messages` });
    expect(plan.key).toBe("to:+15551234567");
    const body = plan.request.body;
    expect(body.kind).toBe("json");
    if (body.kind !== "json") return;
    expect(JSON.stringify(body.value)).toBe(
      JSON.stringify({
        messaging_product: "whatsapp",
        recipient_type: "individual",
        to: "+15551234567",
        type: "interactive",
        interactive: {
          type: "flow",
          header: { type: "text", text: "Visits" },
          body: { text: "Book your visit" },
          footer: { text: "Reply STOP to opt out" },
          action: {
            name: "flow",
            parameters: {
              flow_message_version: "3",
              flow_action: "navigate",
              flow_token: "tok-1",
              flow_id: "1234",
              flow_cta: "Book now",
              mode: "published",
              flow_action_payload: { screen: "WELCOME", data: { visit: "x" } },
            },
          },
        },
        // Without a primary key in the catalog: the stream and a hash of the record.
        biz_opaque_callback_data: JSON.stringify({ stream: "invites", record_hash: recordHash(shorthand) }),
      }),
    );
  });

  it("draft mode, by name, minimal fields, no payload without a screen", () => {
    const record = { to: 15551234567, flow_name: "signup", flow_cta: "Go", body: "Hi" };
    const plan = draft().plan(record, c);
    expect(plan.request.body).toEqual({
      kind: "json",
      value: {
        messaging_product: "whatsapp",
        recipient_type: "individual",
        to: "+15551234567",
        type: "interactive",
        interactive: {
          type: "flow",
          body: { text: "Hi" },
          action: {
            name: "flow",
            parameters: {
              flow_message_version: "3",
              flow_action: "navigate",
              flow_name: "signup",
              flow_cta: "Go",
              mode: "draft",
            },
          },
        },
        biz_opaque_callback_data: JSON.stringify({ stream: "invites", record_hash: recordHash(record) }),
      },
    });
  });

  it("data_exchange sends no flow_action_payload", () => {
    const plan = published().plan(
      { to: "15551234567", flow_id: "1", flow_cta: "Go", body: "Hi", flow_action: "data_exchange" },
      c,
    );
    const body = plan.request.body;
    const parameters =
      body.kind === "json"
        ? (body.value as { interactive: { action: { parameters: object } } }).interactive.action.parameters
        : {};
    expect(parameters).toEqual({
      flow_message_version: "3",
      flow_action: "data_exchange",
      flow_id: "1",
      flow_cta: "Go",
      mode: "published",
    });
  });

  it("the sender: stream config, then the record, then the connector default", () => {
    const r = { ...shorthand, phone_number_id: "777" };
    expect(published(new FakeClient(), "888").plan(r, c).request.path).toBe("888/messages");
    expect(published().plan(r, c).request.path).toBe("777/messages");
    expect(published().plan(shorthand, c).request.path).toBe(`${PHONE}/messages`);
    const noDefault = sendFlowMessageOperation(
      envWith(
        new FakeClient(),
        makeConfig([{ template: "send_published_flow" }], { phone_number_id: undefined }),
      ),
      { template: "send_published_flow" },
    );
    expect(() => noDefault.plan(shorthand, c)).toThrow('field "phone_number_id" is required');
  });

  it.each([
    [
      { flow_cta: "x".repeat(31) },
      'stream "invites" record 12: field "flow_cta" must be a string of at most 30 characters',
    ],
    [{ flow_cta: 5 }, 'field "flow_cta" must be a string of at most 30 characters'],
    [{ to: undefined }, 'field "to" is required'],
    [{ body: undefined }, 'field "body" is required'],
    [{ body: "b".repeat(1025) }, 'field "body" must be a string of at most 1024'],
    [{ flow_name: "n" }, 'fields "flow_id" and "flow_name" are both set'],
    [{ flow_id: undefined }, 'field "flow_id" or "flow_name" is required'],
    [{ flow_action: "open" }, 'field "flow_action" must be "navigate" or "data_exchange"'],
    [{ data: {} }, 'field "data" must be a non-empty object'],
    [{ data: [1] }, 'field "data" must be a non-empty object'],
    [{ screen: undefined }, 'field "screen" is required when data is given'],
    [{ flow_action: "data_exchange" }, 'field "screen" must be absent when flow_action is "data_exchange"'],
    [{ header: "h".repeat(61) }, 'field "header" must be a string of at most 60'],
    [{ phone_number_id: "12a" }, 'field "phone_number_id" must be a numeric ID'],
  ])("rejects %j with a clear RecordError and never the value", (patch, message) => {
    const record = { ...shorthand, ...patch };
    let error: unknown;
    try {
      published().plan(record, c);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RecordError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain("xxxxxxxxxx");
  });

  it("accepts data as JSON text (warehouse JSON columns)", () => {
    const plan = published().plan({ ...shorthand, data: '{"a":1}' }, c);
    expect(JSON.stringify(plan.request.body)).toContain(
      '"flow_action_payload":{"screen":"WELCOME","data":{"a":1}}',
    );
  });
});

const full = () => ({
  messaging_product: "whatsapp",
  to: "15551234567",
  recipient_type: "individual",
  type: "interactive",
  phone_number_id: "777",
  interactive: {
    type: "flow",
    body: { text: "Hi" },
    action: {
      name: "flow",
      parameters: {
        flow_message_version: "3",
        flow_cta: "Go",
        flow_id: "5",
        flow_action_payload: { screen: "A" },
      },
    },
  },
});

describe("send plan (full Cloud API body)", () => {
  it("passes the body through, forcing the template's mode and leaving phone_number_id out", () => {
    const record = full();
    const plan = draft().plan(record, c);
    expect(plan.request.path).toBe("777/messages");
    const body = plan.request.body;
    if (body.kind !== "json") throw new Error("json expected");
    const value = body.value as ReturnType<typeof full>;
    expect(value.phone_number_id).toBeUndefined();
    expect(value.interactive.action.parameters).toEqual({
      ...record.interactive.action.parameters,
      mode: "draft",
    });
    // The record itself is not modified.
    expect("mode" in record.interactive.action.parameters).toBe(false);
    expect(value.interactive.body).toBe(record.interactive.body);
  });

  it("a mode that contradicts the template is rejected", () => {
    const record = full();
    (record.interactive.action.parameters as Record<string, unknown>).mode = "draft";
    expect(() => published().plan(record, c)).toThrow(
      'field "interactive.action.parameters.mode" must be "published"',
    );
  });

  const PARAMS = "interactive.action.parameters";
  it.each([
    ["messaging_product", "sms", 'field "messaging_product" must be "whatsapp"'],
    ["type", "text", 'field "type" must be "interactive"'],
    ["interactive.type", "list", 'field "interactive.type" must be "flow"'],
    ["interactive.body", {}, 'field "interactive.body.text" is required'],
    [`${PARAMS}.flow_cta`, "c".repeat(31), `field "${PARAMS}.flow_cta" must be a string of at most 30`],
    [`${PARAMS}.flow_name`, "n", "both set"],
    [`${PARAMS}.flow_action`, "data_exchange", `field "${PARAMS}.flow_action_payload" must be absent`],
    [
      `${PARAMS}.flow_action_payload.data`,
      {},
      `field "${PARAMS}.flow_action_payload.data" must be a non-empty object`,
    ],
    [`${PARAMS}.flow_message_version`, "2", `field "${PARAMS}.flow_message_version" must be "3"`],
  ])("validates the parts Meta requires: %s", (path, value, message) => {
    const record = full();
    setPath(record, path, value);
    expect(() => published().plan(record, c)).toThrow(message);
  });
});

function setPath(target: object, path: string, value: unknown): void {
  const keys = path.split(".");
  let current = target as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) current = current[key] as Record<string, unknown>;
  current[keys[keys.length - 1]!] = value;
}
