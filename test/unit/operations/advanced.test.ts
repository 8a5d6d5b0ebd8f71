import { describe, expect, it } from "vitest";
import type { EndpointConfig } from "../../../src/config/index.js";
import { ConfigError, RecordError } from "../../../src/errors/index.js";
import { advancedOperation } from "../../../src/operations/advanced/advanced.js";
import { compileOperation } from "../../../src/operations/catalog/registry.js";
import { journaled, pacedAsSend } from "../../../src/operations/contract/effects.js";
import { createFlowOperation } from "../../../src/operations/flows/create-flow.js";
import { sendFlowMessageOperation } from "../../../src/operations/messages/send-flow-message.js";
import {
  ctx,
  envWith,
  FakeClient,
  graphError,
  MINIMAL_FLOW_JSON,
  makeConfig,
  ok,
  PHONE,
  PREFIX,
  resetAfterWrite,
  WABA,
} from "./support/fixtures.js";

const c = ctx("raw", 4);

function advanced(endpoint: Record<string, unknown>, client = new FakeClient(), extra: object = {}) {
  const config = makeConfig([{ template: "advanced", ...endpoint }], extra);
  const parsed = config.streams[0]!.endpoint as Extract<EndpointConfig, { template: "advanced" }>;
  return advancedOperation(envWith(client, config), parsed, "streams[0].endpoint");
}

const CREATE_VIA_ADVANCED = {
  method: "POST",
  content_format: "multipart/form-data",
  url: "https://graph.facebook.com/{config.api_version}/{config.waba_id}/flows",
  body_template:
    '{"name": "{message.name}", "categories": {message.categories}, "flow_json": {message.flow_json}}',
};

const SEND_VIA_ADVANCED = {
  method: "POST",
  content_format: "json",
  url: "https://graph.facebook.com/v23.0/{config.phone_number_id}/messages",
  body_template: JSON.stringify({
    messaging_product: "whatsapp",
    recipient_type: "individual",
    to: "{message.to}",
    type: "interactive",
    interactive: {
      type: "flow",
      body: { text: "{message.body}" },
      action: {
        name: "flow",
        parameters: {
          flow_message_version: "3",
          flow_action: "navigate",
          flow_id: "{message.flow_id}",
          flow_cta: "{message.flow_cta}",
          mode: "published",
          flow_action_payload: { screen: "{message.screen}", data: "__DATA__" },
        },
      },
    },
  }).replace('"__DATA__"', "{message.data}"),
};

describe("advanced reproduces the templates", () => {
  it("create_flow (multipart): same URL, method and parts", () => {
    const record = { name: "Sign up", categories: ["OTHER", "SURVEY"], flow_json: MINIMAL_FLOW_JSON };
    const template = createFlowOperation(envWith(new FakeClient())).plan(record, c);
    const manual = advanced(CREATE_VIA_ADVANCED).plan(record, c);
    expect(manual.request.url).toBe(template.summary.url);
    expect(manual.summary).toEqual(template.summary);
    expect(manual.request.method).toBe(template.request.method);
    expect(manual.request.body).toEqual(template.request.body);
    expect(manual.request.idempotent).toBe(false);
  });

  it("send_published_flow (JSON): same URL and byte-identical body", () => {
    // The template sends a recipient as "+" and digits; advanced sends the field as given.
    const record = {
      to: "+15551234567",
      flow_id: "1234",
      flow_cta: "Book",
      body: "Hi",
      screen: "WELCOME",
      data: { a: 1 },
      order_id: "A-1",
    };
    const template = sendFlowMessageOperation(envWith(new FakeClient()), {
      template: "send_published_flow",
      callback_data_field: "order_id",
    }).plan(record, c);
    // The template's callback data (callback_data_field) is the body's last member.
    const withCallbackData = {
      ...SEND_VIA_ADVANCED,
      body_template: SEND_VIA_ADVANCED.body_template.replace(
        /\}$/,
        ',"biz_opaque_callback_data":"{message.order_id}"}',
      ),
    };
    const manual = advanced(withCallbackData).plan(record, c);
    expect(manual.request.url).toBe(template.summary.url);
    const a = manual.request.body;
    const b = template.request.body;
    expect(
      a.kind === "json" && b.kind === "json" && JSON.stringify(a.value) === JSON.stringify(b.value),
    ).toBe(true);
    expect(manual.request.pacing).toEqual({ kind: "send", phoneNumberId: PHONE, recipient: "+15551234567" });
    expect(manual.key).toBe("to:+15551234567");
  });
});

describe("advanced, by its method", () => {
  it.each([
    ["GET", false, true],
    ["PUT", false, true],
    ["DELETE", false, true],
    ["PATCH", false, false],
    ["POST", true, false],
  ] as const)(
    "%s: journaled by the send ledger %s, sent again after a lost answer %s",
    (method, isJournaled, retried) => {
      const endpoint = {
        template: "advanced",
        method,
        url: "https://graph.facebook.com/v23.0/{message.flow_id}",
      };
      const config = makeConfig([endpoint]);
      const op = compileOperation(
        envWith(new FakeClient(), config),
        config.streams[0]!.endpoint,
        "streams[0].endpoint",
      );
      expect(journaled(op.effects)).toBe(isJournaled);
      expect(pacedAsSend(op.effects)).toBe(false);
      const plan = op.plan({ flow_id: "9" }, c) as { request: { idempotent: boolean } };
      expect(plan.request.idempotent).toBe(retried);
    },
  );
});

describe("advanced plan", () => {
  it("GET and DELETE send no body and are idempotent; headers render per record", () => {
    const op = advanced({
      method: "GET",
      url: "https://graph.facebook.com/v23.0/{message.flow_id}?fields=id,status",
      request_headers: "X-Trace:{message.trace}",
    });
    const plan = op.plan({ flow_id: "9", trace: "t-1" }, c);
    expect(plan.request).toMatchObject({
      method: "GET",
      url: `${PREFIX}9?fields=id,status`,
      body: { kind: "none" },
      idempotent: true,
      headers: { "X-Trace": "t-1" },
    });
    expect(plan.key).toBe("flow:9");
  });

  it("a path placeholder cannot inject a path or a query", () => {
    const plan = advanced({
      url: "https://graph.facebook.com/v23.0/{message.flow_id}/publish",
      body_template: "{}",
    }).plan({ flow_id: "1/../2?x=1" }, c);
    expect(plan.request.url).toBe(`${PREFIX}1%2F..%2F2%3Fx%3D1/publish`);
  });

  it("multipart with a file part and urlencoded bodies", () => {
    const upload = advanced({
      content_format: "multipart/form-data",
      url: "https://graph.facebook.com/v23.0/{message.flow_id}/assets",
      body_template: '{"file": {message.flow_json}, "name": "flow.json", "asset_type": "FLOW_JSON"}',
      file_field: "file",
    }).plan({ flow_id: "3", flow_json: { version: "7.3" } }, c);
    expect(upload.request.body).toEqual({
      kind: "multipart",
      parts: [
        {
          name: "file",
          filename: "flow.json",
          contentType: "application/json",
          content: '{"version":"7.3"}',
        },
        { name: "name", value: "flow.json" },
        { name: "asset_type", value: "FLOW_JSON" },
      ],
    });
    const form = advanced({
      content_format: "x-www-form-urlencoded",
      url: "https://graph.facebook.com/v23.0/1",
      body_template: '{"name": "{message.name}"}',
    }).plan({ name: "a&b" }, c);
    expect(form.request.body).toEqual({ kind: "form", fields: { name: "a&b" } });
  });

  it("a missing field or an unsafe value rejects the record, naming the placeholder", () => {
    const op = advanced({
      url: "https://graph.facebook.com/v23.0/{message.flow_id}/publish",
      request_headers: "X-Trace:{message.trace}",
      body_template: "{}",
    });
    expect(() => op.plan({ trace: "t" }, c)).toThrow(RecordError);
    expect(() => op.plan({ trace: "t" }, c)).toThrow(/stream "raw" record 4: .*message\.flow_id/);
    expect(() => op.plan({ flow_id: "1", trace: "a\r\nInjected: 1" }, c)).toThrow(RecordError);
    try {
      op.plan({ flow_id: "1", trace: "a\r\nInjected: 1" }, c);
    } catch (error) {
      expect((error as RecordError).field).toBe("trace");
      expect((error as Error).message).not.toContain("Injected");
    }
  });

  it("a multipart body without the file field rejects the record", () => {
    const op = advanced({
      content_format: "multipart/form-data",
      url: "https://graph.facebook.com/v23.0/1/assets",
      body_template: "{message.json}",
      file_field: "file",
    });
    expect(() => op.plan({ name: "x" }, c)).toThrow('no "file" field');
  });
});

describe("advanced compile errors name the config field", () => {
  it.each([
    [{ url: "https://evil.example.com/x" }, "streams[0].endpoint.url"],
    [{ url: "http://169.254.169.254/latest" }, "streams[0].endpoint.url"],
    [{ url: "https://graph.facebook.com/{message.a" }, "streams[0].endpoint.url"],
    [{ url: "https://graph.facebook.com/x", body_template: '{"a": }' }, "streams[0].endpoint.body_template"],
    [
      { url: "https://graph.facebook.com/x", request_headers: "Authorization:Bearer x" },
      "streams[0].endpoint.request_headers",
    ],
    [{ url: "https://graph.facebook.com/x", file_field: "file" }, "streams[0].endpoint.file_field"],
    [
      { url: "https://graph.facebook.com/x", allowed_hosts: ["bad host/"] },
      "streams[0].endpoint.allowed_hosts",
    ],
  ])("%j", (endpoint, field) => {
    expect(() => advanced(endpoint)).toThrow(ConfigError);
    expect(() => advanced(endpoint)).toThrow(field);
  });

  it("a {config.phone_number_id} the config lacks", () => {
    expect(() =>
      advanced(
        { url: "https://graph.facebook.com/v23.0/{config.phone_number_id}/messages" },
        new FakeClient(),
        { phone_number_id: undefined },
      ),
    ).toThrow("streams[0].endpoint.url uses {config.phone_number_id}");
  });

  it("an allowed host is accepted", () => {
    expect(() =>
      advanced({ url: "https://hooks.example.com/x", allowed_hosts: ["hooks.example.com"] }),
    ).not.toThrow();
  });
});

describe("advanced execute", () => {
  it("POST is never repeated: a lost answer is ambiguous", async () => {
    const op = advanced(SEND_VIA_ADVANCED, new FakeClient(resetAfterWrite()));
    const outcome = await op.execute(
      op.plan({ to: "15551234567", flow_id: "1", flow_cta: "x", body: "b", screen: "S", data: { a: 1 } }, c),
    );
    expect(outcome.kind).toBe("ambiguous");
  });

  it("keeps ids of the answer and maps rejections", async () => {
    const client = new FakeClient(ok({ id: "55" }), graphError(400, { code: 100 }));
    const op = advanced(CREATE_VIA_ADVANCED, client);
    const record = { name: "n", categories: ["OTHER"], flow_json: MINIMAL_FLOW_JSON };
    expect(await op.execute(op.plan(record, c))).toMatchObject({
      kind: "succeeded",
      result: { flowId: "55" },
    });
    expect((await op.execute(op.plan(record, c))).kind).toBe("rejected");
    expect(client.requests[0]?.url).toBe(`${PREFIX}${WABA}/flows`);
  });
});
