import { describe, expect, it } from "vitest";
import {
  compileBodyTemplate,
  compileHeaderTemplates,
  compileUrlTemplate,
  HostGuard,
  type PlaceholderContext,
} from "../../../src/placeholders/index.js";

/** The two most common operations, written as advanced endpoints, render Meta's documented requests. */
const config = { waba_id: "102290129340398", phone_number_id: "106540352242922", api_version: "v23.0" };
const guard = new HostGuard({ baseUrl: "https://graph.facebook.com", allowedHosts: [] });

describe("create_flow as an advanced multipart template", () => {
  const url = compileUrlTemplate(
    "https://graph.facebook.com/{config.api_version}/{config.waba_id}/flows",
    "url",
  );
  const body = compileBodyTemplate(
    '{"name": "{message.name}", "categories": {message.categories}, "flow_json": {message.flow_json}, "publish": {message.publish}}',
    "body_template",
  );

  it("renders the form fields Meta expects", () => {
    const flowJson = {
      version: "7.0",
      screens: [{ id: "WELCOME", terminal: true, layout: { type: "SingleColumnLayout", children: [] } }],
    };
    const context: PlaceholderContext = {
      message: {
        name: 'Sign-up "2025"',
        categories: ["SIGN_UP", "OTHER"],
        flow_json: flowJson,
        publish: true,
      },
      config,
    };
    const rendered = url.render(context);
    expect(rendered).toBe("https://graph.facebook.com/v23.0/102290129340398/flows");
    expect(() => guard.assertAllowed(new URL(rendered))).not.toThrow();
    const fields = Object.fromEntries(body.renderFields(context, "multipart/form-data"));
    expect(fields).toEqual({
      name: 'Sign-up "2025"',
      categories: '["SIGN_UP","OTHER"]',
      flow_json: JSON.stringify(flowJson),
      publish: "true",
    });
    expect(JSON.parse(fields.categories!)).toEqual(["SIGN_UP", "OTHER"]);
  });
});

describe("send_published_flow as an advanced JSON template", () => {
  const url = compileUrlTemplate(
    "https://graph.facebook.com/{config.api_version}/{config.phone_number_id}/messages",
    "url",
  );
  const headers = compileHeaderTemplates("X-Request-Id:{message.flow_token}", "request_headers");
  const body = compileBodyTemplate(
    `{
      "messaging_product": "whatsapp",
      "recipient_type": "individual",
      "to": "{message.to}",
      "type": "interactive",
      "interactive": {
        "type": "flow",
        "header": {"type": "text", "text": "{message.header}"},
        "body": {"text": "{message.body}"},
        "footer": {"text": "{message.footer}"},
        "action": {
          "name": "flow",
          "parameters": {
            "flow_message_version": "3",
            "flow_token": "{message.flow_token}",
            "flow_id": "{message.flow_id}",
            "flow_cta": "{message.flow_cta}",
            "flow_action": "navigate",
            "flow_action_payload": {"screen": "{message.screen}", "data": {message.data}}
          }
        }
      }
    }`,
    "body_template",
  );

  it("renders the Cloud API interactive flow message", () => {
    const context: PlaceholderContext = {
      message: {
        to: "15551234567",
        header: "Welcome",
        body: 'Tap "Start" to book\nyour visit',
        footer: "Acme",
        flow_token: "tok-42",
        flow_id: "1234567890123456",
        flow_cta: "Book now",
        screen: "BOOKING",
        data: { customer: { name: "Zoë" }, slots: [9, 10], vip: false },
      },
      config,
    };
    expect(url.render(context)).toBe("https://graph.facebook.com/v23.0/106540352242922/messages");
    expect(headers.render(context)).toEqual({ "X-Request-Id": "tok-42" });
    expect(JSON.parse(body.renderJson(context))).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "15551234567",
      type: "interactive",
      interactive: {
        type: "flow",
        header: { type: "text", text: "Welcome" },
        body: { text: 'Tap "Start" to book\nyour visit' },
        footer: { text: "Acme" },
        action: {
          name: "flow",
          parameters: {
            flow_message_version: "3",
            flow_token: "tok-42",
            flow_id: "1234567890123456",
            flow_cta: "Book now",
            flow_action: "navigate",
            flow_action_payload: {
              screen: "BOOKING",
              data: { customer: { name: "Zoë" }, slots: [9, 10], vip: false },
            },
          },
        },
      },
    });
  });

  it("sends a record that already is a full message body unchanged with {message.json}", () => {
    const whole = compileBodyTemplate("{message.json}", "body_template");
    const message = {
      messaging_product: "whatsapp",
      to: "1",
      type: "interactive",
      interactive: { type: "flow" },
    };
    expect(whole.renderJson({ message, config })).toBe(JSON.stringify(message));
  });
});
