import { describe, expect, it } from "vitest";
import { templateInfoOf } from "../../../src/operations/graph-calls/template-catalog.js";
import { recordHash } from "../../../src/operations/messages/callback-data.js";
import { sendFlowTemplateOperation } from "../../../src/operations/messages/send-flow-template.js";
import {
  ctx,
  envWith,
  FakeClient,
  graphError,
  makeConfig,
  ok,
  PHONE,
  PREFIX,
  rejection,
  WABA,
} from "./support/fixtures.js";

const c = ctx("campaign", 4, { template: "send_flow_template" });

/** A template as GET /{waba}/message_templates lists it: {{1}} {{2}} in the body, a FLOW button. */
const SPRING = {
  id: "901",
  name: "spring_promo",
  language: "en_US",
  status: "APPROVED",
  category: "MARKETING",
  components: [
    { type: "HEADER", format: "TEXT", text: "Hi {{1}}" },
    { type: "BODY", text: "Your {{1}} code is {{2}}" },
    {
      type: "BUTTONS",
      buttons: [
        { type: "QUICK_REPLY", text: "Stop" },
        { type: "FLOW", text: "Open", flow_id: "1" },
      ],
    },
  ],
};

const record = (extra: Record<string, unknown> = {}) => ({
  to: "+1 (555) 000-1111",
  template_name: "spring_promo",
  header_parameters: ["Ana"],
  body_parameters: ["spring", { type: "text", text: "SAVE10" }],
  flow_token: "tok-1",
  flow_action_data: { customer: "c1" },
  button_index: 1,
  ...extra,
});

function operation(client = new FakeClient(), extra: object = {}) {
  return sendFlowTemplateOperation(envWith(client, makeConfig(undefined, extra)), {});
}

async function loaded(templates: unknown[]) {
  const client = new FakeClient(ok({ data: templates, paging: {} }));
  const op = operation(client);
  expect(await op.prepare?.()).toBeUndefined();
  return { op, client };
}

/** The `template` object of a planned send's JSON body. */
function templateOf(plan: { request: { body: unknown } }): {
  language: { code: string };
  components: unknown[];
} {
  return (plan.request.body as { value: { template: { language: { code: string }; components: unknown[] } } })
    .value.template;
}

describe("send_flow_template rendering", () => {
  it("renders Meta's template message: header, body, and the FLOW button's action", () => {
    const plan = operation().plan(record(), c);
    expect(plan.request).toMatchObject({ method: "POST", path: `${PHONE}/messages`, idempotent: false });
    expect(plan.summary).toEqual({ method: "POST", url: `${PREFIX}${PHONE}/messages` });
    expect(plan.request.pacing).toEqual({ kind: "send", phoneNumberId: PHONE, recipient: "+15550001111" });
    expect(plan.request.body).toEqual({
      kind: "json",
      value: {
        messaging_product: "whatsapp",
        recipient_type: "individual",
        to: "+15550001111",
        type: "template",
        template: {
          name: "spring_promo",
          language: { code: "en_US" },
          components: [
            { type: "header", parameters: [{ type: "text", text: "Ana" }] },
            {
              type: "body",
              parameters: [
                { type: "text", text: "spring" },
                { type: "text", text: "SAVE10" },
              ],
            },
            {
              type: "button",
              sub_type: "flow",
              index: "1",
              parameters: [
                { type: "action", action: { flow_token: "tok-1", flow_action_data: { customer: "c1" } } },
              ],
            },
          ],
        },
        biz_opaque_callback_data: JSON.stringify({ stream: "campaign", record_hash: recordHash(record()) }),
      },
    });
  });

  it("takes the language from the config's template_language, then the record", () => {
    const body = (op: ReturnType<typeof operation>, r: Record<string, unknown>) => templateOf(op.plan(r, c));
    expect(body(operation(), record()).language.code).toBe("en_US");
    expect(body(operation(undefined, { template_language: "pt_BR" }), record()).language.code).toBe("pt_BR");
    expect(body(operation(), record({ language: "es_MX" })).language.code).toBe("es_MX");
  });

  it("reads parameters from JSON text and from body_1…body_n, and button index 0 by default", () => {
    const plan = operation().plan(
      { to: 15550001111, template_name: "t", body_1: "a", body_2: 7, flow_action_data: '{"x":1}' },
      c,
    );
    const template = templateOf(plan);
    expect(template.components).toEqual([
      {
        type: "body",
        parameters: [
          { type: "text", text: "a" },
          { type: "text", text: "7" },
        ],
      },
      {
        type: "button",
        sub_type: "flow",
        index: "0",
        parameters: [{ type: "action", action: { flow_action_data: { x: 1 } } }],
      },
    ]);
    const fromText = operation().plan(
      { to: "15550001111", template_name: "t", body_parameters: '["a","b"]' },
      c,
    );
    expect(JSON.stringify(fromText.request.body)).toContain(
      '"parameters":[{"type":"text","text":"a"},{"type":"text","text":"b"}]',
    );
  });
});

describe("send_flow_template read-time checks", () => {
  it("rejects a recipient that is not an international number, naming the field", () => {
    for (const to of ["0123", "+0 555 000 1111", "call me", "1234567890123456"]) {
      const error = rejection(() => operation().plan(record({ to }), c));
      expect(error.field).toBe("to");
      expect(error.message).toMatch(
        /stream "campaign" record 4: field "to" must be a phone number with its country code/,
      );
    }
  });

  it("rejects parameters given twice or of a wrong shape", () => {
    expect(rejection(() => operation().plan(record({ body_1: "x" }), c)).message).toMatch(
      /field "body_parameters" and "body_1"… are both set/,
    );
    expect(
      rejection(() => operation().plan(record({ body_parameters: [{ text: "no type" }] }), c)).field,
    ).toBe("body_parameters[0]");
    expect(rejection(() => operation().plan(record({ button_index: 12 }), c)).field).toBe("button_index");
  });

  it("lists the WABA's templates once, and then passes a record that matches its template", async () => {
    const { op, client } = await loaded([SPRING]);
    expect(client.requests).toHaveLength(1);
    expect(client.requests[0]).toMatchObject({ method: "GET", path: `${WABA}/message_templates` });
    await op.prepare?.();
    expect(client.requests).toHaveLength(1);
    expect(() => op.plan(record(), c)).not.toThrow();
    // No index: the template's own FLOW button (index 1, after a quick reply)
    const plan = op.plan(record({ button_index: null }), c);
    expect(JSON.stringify(plan.request.body)).toContain('"sub_type":"flow","index":"1"');
  });

  it("rejects a template that does not exist or is not APPROVED, naming the template, without a call", async () => {
    const { op, client } = await loaded([SPRING, { ...SPRING, language: "de", status: "PENDING" }]);
    const missing = rejection(() => op.plan(record({ template_name: "autumn" }), c));
    expect(missing.field).toBe("template_name");
    expect(missing.message).toMatch(/template "autumn" \(en_US\), which does not exist/);
    expect(rejection(() => op.plan(record({ language: "de" }), c)).message).toMatch(
      /template "spring_promo" \(de\), which is PENDING: only APPROVED templates can be sent/,
    );
    expect(client.requests).toHaveLength(1);
  });

  it("rejects a parameter count that differs from the template's placeholders, naming template and parameter", async () => {
    const { op } = await loaded([SPRING]);
    const body = rejection(() => op.plan(record({ body_parameters: ["only one"] }), c));
    expect(body.field).toBe("body_parameters");
    expect(body.message).toMatch(
      /gives 1 body parameter\(s\), but template "spring_promo" \(en_US\) has 2 placeholder\(s\) in its BODY/,
    );
    const header = rejection(() => op.plan(record({ header_parameters: null }), c));
    expect(header.field).toBe("header_parameters");
    expect(rejection(() => op.plan(record({ button_index: 0 }), c)).message).toMatch(
      /field "button_index" is 0, but template "spring_promo" \(en_US\) has its FLOW button at index 1/,
    );
  });

  it("reads every page of the template list", async () => {
    const page1 = ok({ data: [], paging: { next: "https://x/next", cursors: { after: "CUR1" } } });
    const client = new FakeClient(page1, ok({ data: [SPRING], paging: { cursors: { after: "CUR2" } } }));
    const op = operation(client);
    await op.prepare?.();
    expect(client.requests.map((r) => r.query?.after)).toEqual([undefined, "CUR1"]);
    expect(() => op.plan(record(), c)).not.toThrow();
    expect(() => op.plan(record({ template_name: "other" }), c)).toThrow(/does not exist/);
  });

  it("goes on without the list when it cannot be read, and says so", async () => {
    const op = operation(new FakeClient(graphError(500, { code: 2, message: "down" }, 5, "GET")));
    expect(await op.prepare?.()).toMatch(/could not be listed .*checked by Meta only/);
    expect(() => op.plan(record({ template_name: "anything" }), c)).not.toThrow();
  });
});

describe("send_flow_template answers", () => {
  it("rejects a 132xxx answer naming the template", async () => {
    const client = new FakeClient(
      graphError(400, { code: 132000, message: "(#132000) Number of parameters" }),
    );
    const op = operation(client);
    const outcome = await op.execute(op.plan(record(), c));
    expect(outcome.kind).toBe("rejected");
    expect(outcome.kind === "rejected" && outcome.error.message).toMatch(
      /\(template "spring_promo" \(en_US\): the number of template parameters does not match/,
    );
  });

  it("keeps the message id of a success", async () => {
    const op = operation(new FakeClient(ok({ messages: [{ id: "wamid.A" }] })));
    const outcome = await op.execute(op.plan(record(), c));
    expect(outcome).toMatchObject({ kind: "succeeded", result: { messageId: "wamid.A" } });
  });
});

/** SPRING with an IMAGE header instead of a text one. */
const SPRING_IMAGE = {
  ...SPRING,
  components: [
    { type: "HEADER", format: "IMAGE", example: { header_handle: ["4::aW1n"] } },
    ...SPRING.components.slice(1),
  ],
};

describe("send_flow_template with a media header", () => {
  it("sends a header link as the template's image parameter", async () => {
    const { op } = await loaded([SPRING_IMAGE]);
    const link = "https://cdn.example.com/spring.jpg";
    for (const given of [{ header_parameters: [link] }, { header_parameters: null, header_1: link }]) {
      const plan = op.plan(record(given), c);
      const { components } = templateOf(plan);
      expect(components[0]).toEqual({ type: "header", parameters: [{ type: "image", image: { link } }] });
    }
  });

  it("passes Meta's own media object through unchanged", async () => {
    const { op } = await loaded([SPRING_IMAGE]);
    const image = { type: "image", image: { id: "1234567890" } };
    const plan = op.plan(record({ header_parameters: [image] }), c);
    expect(JSON.stringify(plan.request.body)).toContain(
      '"parameters":[{"type":"image","image":{"id":"1234567890"}}]',
    );
  });

  it("rejects a missing, non-link or wrong-type header parameter, naming the field, without a call", async () => {
    const { op, client } = await loaded([SPRING_IMAGE]);
    const missing = rejection(() => op.plan(record({ header_parameters: null }), c));
    expect(missing.field).toBe("header_parameters");
    expect(missing.message).toMatch(
      /gives 0 header parameter\(s\), but template "spring_promo" \(en_US\) has 1/,
    );
    const text = rejection(() => op.plan(record({ header_parameters: ["Ana"] }), c));
    expect(text.field).toBe("header_parameters[0]");
    expect(text.message).toMatch(/must be the link \(https:\/\/…\) of the template's IMAGE header/);
    const video = rejection(() =>
      op.plan(record({ header_parameters: [{ type: "video", video: { link: "https://x/v.mp4" } }] }), c),
    );
    expect(video.field).toBe("header_parameters");
    expect(video.message).toMatch(
      /gives a "video" parameter, but template "spring_promo" \(en_US\) has its header as IMAGE/,
    );
    expect(client.requests).toHaveLength(1);
  });
});

/** A template with named placeholders (Meta's parameter_format NAMED). */
const NAMED = {
  ...SPRING,
  name: "named_promo",
  parameter_format: "NAMED",
  components: [
    { type: "HEADER", format: "TEXT", text: "{{sale}} is on" },
    { type: "BODY", text: "Hi {{first_name}}, your code is {{code}}, {{first_name}}" },
    SPRING.components[2],
  ],
};

describe("send_flow_template with named placeholders", () => {
  it("names each parameter after its placeholder, in the order the template's text has them", async () => {
    const { op } = await loaded([NAMED]);
    const plan = op.plan(
      record({
        template_name: "named_promo",
        header_parameters: ["Spring sale"],
        body_parameters: ["Ana", { type: "text", parameter_name: "code", text: "SAVE10" }],
      }),
      c,
    );
    const { components } = templateOf(plan);
    expect(components.slice(0, 2)).toEqual([
      { type: "header", parameters: [{ type: "text", parameter_name: "sale", text: "Spring sale" }] },
      {
        type: "body",
        parameters: [
          { type: "text", parameter_name: "first_name", text: "Ana" },
          { type: "text", parameter_name: "code", text: "SAVE10" },
        ],
      },
    ]);
  });

  it("leaves positional templates' parameters without names", async () => {
    const { op } = await loaded([SPRING]);
    expect(JSON.stringify(op.plan(record(), c).request.body)).not.toContain("parameter_name");
  });
});

describe("template list entries", () => {
  it("counts placeholders and finds FLOW buttons", () => {
    expect(templateInfoOf(SPRING)).toMatchObject({
      bodyParams: 2,
      headerParams: 1,
      flowButtons: [1],
      status: "APPROVED",
    });
    expect(templateInfoOf({ name: "x" })).toBeUndefined();
    expect(templateInfoOf(SPRING_IMAGE)).toMatchObject({ headerParams: 0, headerMedia: "image" });
    expect(templateInfoOf(SPRING)?.headerMedia).toBeUndefined();
    expect(templateInfoOf(NAMED)).toMatchObject({
      bodyParams: 2,
      bodyNames: ["first_name", "code"],
      headerParams: 1,
      headerNames: ["sale"],
    });
    expect(templateInfoOf(SPRING)?.bodyNames).toBeUndefined();
  });
});
