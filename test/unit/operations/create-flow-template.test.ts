import { describe, expect, it } from "vitest";
import { RecordError } from "../../../src/errors/index.js";
import { FlowJsonRejectedError } from "../../../src/operations/errors/flow-json-rejected-error.js";
import { createFlowTemplateOperation } from "../../../src/operations/message-templates/create-flow-template.js";
import { MINIMAL_FLOW_JSON } from "../../support/flow-json.js";
import {
  ctx,
  envWith,
  FakeClient,
  graphError,
  ok,
  PREFIX,
  resetAfterWrite,
  WABA,
} from "./support/fixtures.js";

const c = ctx("templates", 2, { template: "create_flow_template" });

const record = (extra: Record<string, unknown> = {}) => ({
  name: "spring_promo",
  category: "MARKETING",
  header: "Hi {{1}}",
  header_example: "Ana",
  body: "Your {{1}} code is {{2}}",
  body_examples: ["spring", "SAVE10"],
  footer: "Reply STOP to opt out",
  button_text: "Open",
  flow_name: "signup",
  navigate_screen: "WELCOME",
  ...extra,
});

const listed = (templates: unknown[]) => ok({ data: templates, paging: {} });
const SPRING = {
  id: "77",
  name: "spring_promo",
  language: "en_US",
  status: "APPROVED",
  category: "MARKETING",
};

function run(client: FakeClient, r: Record<string, unknown> = record()) {
  const op = createFlowTemplateOperation(envWith(client));
  return op.execute(op.plan(r, c));
}

function rejection(r: Record<string, unknown>): RecordError {
  try {
    createFlowTemplateOperation(envWith(new FakeClient())).plan(r, c);
  } catch (error) {
    if (error instanceof RecordError) return error;
    throw error;
  }
  throw new Error("expected a RecordError");
}

describe("create_flow_template plan", () => {
  it("renders Meta's create body: HEADER, BODY with examples, FOOTER, BUTTONS with one FLOW button", () => {
    const plan = createFlowTemplateOperation(envWith(new FakeClient())).plan(record(), c);
    expect(plan.summary).toEqual({ method: "POST", url: `${PREFIX}${WABA}/message_templates` });
    expect(plan.request.body).toEqual({
      kind: "json",
      value: {
        name: "spring_promo",
        language: "en_US",
        category: "MARKETING",
        components: [
          { type: "HEADER", format: "TEXT", text: "Hi {{1}}", example: { header_text: ["Ana"] } },
          { type: "BODY", text: "Your {{1}} code is {{2}}", example: { body_text: [["spring", "SAVE10"]] } },
          { type: "FOOTER", text: "Reply STOP to opt out" },
          {
            type: "BUTTONS",
            buttons: [
              {
                type: "FLOW",
                text: "Open",
                flow_name: "signup",
                navigate_screen: "WELCOME",
                flow_action: "navigate",
              },
            ],
          },
        ],
      },
    });
  });

  it("rejects what Meta's intake would refuse, naming the field", () => {
    expect(rejection(record({ name: "Spring Promo" })).field).toBe("name");
    expect(rejection(record({ body_examples: ["one"] })).message).toMatch(
      /field "body_examples" gives 1 sample value\(s\), but the body of template "spring_promo" has 2 placeholder\(s\)/,
    );
    expect(rejection(record({ body: "Hi {{2}}", body_examples: ["x"] })).field).toBe("body");
    expect(rejection(record({ flow_id: "123" })).message).toMatch(/"flow_id" and "flow_name" are both set/);
    expect(rejection(record({ flow_action: "data_exchange" })).field).toBe("navigate_screen");
    expect(rejection(record({ header_example: null })).field).toBe("header_example");
  });
});

const components = (r: Record<string, unknown>) => bodyOf(r).components as Record<string, unknown>[];
function bodyOf(r: Record<string, unknown>): Record<string, unknown> {
  const body = createFlowTemplateOperation(envWith(new FakeClient())).plan(r, c).request.body;
  if (body.kind !== "json") throw new Error("expected a JSON body");
  return body.value as Record<string, unknown>;
}
const named = (extra: Record<string, unknown> = {}) =>
  record({
    header: "Hi {{first_name}}",
    header_example: "Ana",
    body: "{{first_name}}, your {{season}} code is {{code}}; {{first_name}} only",
    body_examples: { code: "SAVE10", first_name: "Ana", season: "spring" },
    ...extra,
  });

describe("create_flow_template named placeholders", () => {
  it("declares parameter_format NAMED and gives named examples in the order the names first appear", () => {
    const body = bodyOf(named());
    expect(body.parameter_format).toBe("NAMED");
    expect(Object.keys(body)).toEqual(["name", "language", "category", "parameter_format", "components"]);
    expect(components(named()).slice(0, 2)).toEqual([
      {
        type: "HEADER",
        format: "TEXT",
        text: "Hi {{first_name}}",
        example: { header_text_named_params: [{ param_name: "first_name", example: "Ana" }] },
      },
      {
        type: "BODY",
        text: "{{first_name}}, your {{season}} code is {{code}}; {{first_name}} only",
        example: {
          body_text_named_params: [
            { param_name: "first_name", example: "Ana" },
            { param_name: "season", example: "spring" },
            { param_name: "code", example: "SAVE10" },
          ],
        },
      },
    ]);
    // The same samples as JSON text (a warehouse column), or as a list in that order.
    const asText = named({
      body_examples: JSON.stringify({ first_name: "Ana", season: "spring", code: "SAVE10" }),
    });
    const asList = named({ body_examples: ["Ana", "spring", "SAVE10"], parameter_format: "NAMED" });
    expect(components(asText)[1]).toEqual(components(named())[1]);
    expect(components(asList)[1]).toEqual(components(named())[1]);
  });

  it("keeps a positional template's body as it was: no parameter_format, body_text examples", () => {
    expect(bodyOf(record()).parameter_format).toBeUndefined();
    expect(bodyOf(record({ parameter_format: "POSITIONAL" }))).toEqual(bodyOf(record()));
  });

  it("rejects a missing or unknown named example, mixed kinds and a format the texts contradict, naming the field", () => {
    const missing = rejection(named({ body_examples: { first_name: "Ana", season: "spring" } }));
    expect(missing.field).toBe("body_examples");
    expect(missing.message).toMatch(
      /stream "templates" record 2: field "body_examples" gives no sample value for \{\{code\}\}/,
    );
    const unknown = rejection(
      named({ body_examples: { first_name: "A", season: "s", code: "c", coupon: "x" } }),
    );
    expect(unknown.message).toMatch(
      /names \{\{coupon\}\}, which the body of template "spring_promo" does not hold/,
    );
    expect(rejection(named({ body_examples: ["Ana", "spring"] })).message).toMatch(
      /gives 2 sample value\(s\), but the body of template "spring_promo" has 3 placeholder\(s\)/,
    );
    const mixed = rejection(record({ header: "Hi {{first_name}}", header_example: "Ana" }));
    expect([mixed.field, mixed.message]).toEqual([
      "header",
      expect.stringMatching(/holds named placeholders while "body" holds numbered ones/),
    ]);
    expect(rejection(record({ parameter_format: "NAMED" })).message).toMatch(
      /field "header" holds the placeholder \{\{1\}\}, but the template's parameter_format is NAMED/,
    );
    expect(rejection(named({ parameter_format: "POSITIONAL" })).field).toBe("header");
    expect(rejection(record({ body: "Hi {{First Name}}", body_examples: ["x"] })).message).toMatch(
      /field "body" holds the placeholder \{\{First Name\}\}: a placeholder is a number/,
    );
    expect(rejection(named({ header_example: null })).field).toBe("header_example");
    expect(rejection(record({ parameter_format: "named" })).field).toBe("parameter_format");
  });
});

describe("create_flow_template media headers", () => {
  const image = (extra: Record<string, unknown> = {}) =>
    record({ header: null, header_format: "IMAGE", header_example: "4::aW1hZ2UvanBn:ARb", ...extra });

  it("sends an IMAGE, VIDEO or DOCUMENT header with its sample as example.header_handle", () => {
    expect(components(image())[0]).toEqual({
      type: "HEADER",
      format: "IMAGE",
      example: { header_handle: ["4::aW1hZ2UvanBn:ARb"] },
    });
    for (const format of ["VIDEO", "DOCUMENT"]) {
      const url = "https://cdn.example.com/spring.pdf";
      expect(components(image({ header_format: format, header_example: url }))[0]).toEqual({
        type: "HEADER",
        format,
        example: { header_handle: [url] },
      });
    }
  });

  it("rejects a media header without its sample, with text, and a sample with no header", () => {
    const noSample = rejection(image({ header_example: null }));
    expect([noSample.field, noSample.message]).toEqual([
      "header_example",
      expect.stringMatching(/is required for the template's IMAGE header: Meta's review needs a sample/),
    ]);
    expect(rejection(image({ header: "Hi" })).field).toBe("header");
    expect(rejection(image({ header_example: "a handle" })).field).toBe("header_example");
    expect(rejection(record({ header: null })).message).toMatch(
      /field "header_example" is set but the template has no HEADER/,
    );
    expect(rejection(image({ header_format: "TEXT" })).field).toBe("header");
    expect(rejection(image({ header_format: "GIF" })).field).toBe("header_format");
  });
});

describe("create_flow_template inline flow_json", () => {
  const inline = (extra: Record<string, unknown> = {}) =>
    record({ flow_name: null, flow_json: MINIMAL_FLOW_JSON, navigate_screen: "WELCOME", ...extra });
  const button = (r: Record<string, unknown>) =>
    (components(r).at(-1)!.buttons as Record<string, unknown>[])[0]!;

  it("puts the Flow JSON on the FLOW button as its JSON text, a string exactly as given", () => {
    expect(button(inline())).toEqual({
      type: "FLOW",
      text: "Open",
      flow_json: JSON.stringify(MINIMAL_FLOW_JSON),
      navigate_screen: "WELCOME",
      flow_action: "navigate",
    });
    const text = JSON.stringify(MINIMAL_FLOW_JSON, null, 2);
    expect(button(inline({ flow_json: text })).flow_json).toBe(text);
  });

  it("rejects invalid Flow JSON locally, a second Flow reference, and a screen the Flow lacks", () => {
    const invalid = (() => {
      try {
        createFlowTemplateOperation(envWith(new FakeClient())).plan(
          inline({ flow_json: { ...MINIMAL_FLOW_JSON, screens: [] } }),
          c,
        );
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(invalid).toBeInstanceOf(FlowJsonRejectedError);
    expect((invalid as FlowJsonRejectedError).message).toMatch(/stream "templates" record 2.*flow_json/s);
    const both = rejection(inline({ flow_id: "123" }));
    expect([both.field, both.message]).toEqual([
      "flow_id",
      expect.stringMatching(
        /fields "flow_id" and "flow_json" are both set: give exactly one of flow_id, flow_name and flow_json/,
      ),
    ]);
    expect(rejection(record({ flow_name: null })).message).toMatch(
      /"flow_id", "flow_name" or "flow_json" is required/,
    );
    expect(rejection(inline({ navigate_screen: "CHECKOUT" })).message).toMatch(
      /field "navigate_screen" names a screen the record's flow_json does not hold \(its screens: WELCOME\)/,
    );
  });
});

describe("create_flow_template answers", () => {
  it("creates when the (name, language) is new and reports the answer's status", async () => {
    const client = new FakeClient(listed([]), ok({ id: "88", status: "PENDING", category: "MARKETING" }));
    const outcome = await run(client);
    expect(client.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${WABA}/message_templates`,
      `POST ${WABA}/message_templates`,
    ]);
    expect(client.requests[0]!.query).toMatchObject({ name: "spring_promo" });
    expect(outcome).toMatchObject({
      kind: "succeeded",
      response: { body: { id: "88", name: "spring_promo", language: "en_US", status: "PENDING" } },
      note: 'template "spring_promo" (en_US) created (id 88), status PENDING: it can be sent once Meta\'s review APPROVES it',
    });
    expect(outcome.kind === "succeeded" && outcome.warnings).toBeUndefined();
  });

  it("reuses an existing template without creating, reported with its status", async () => {
    const client = new FakeClient(listed([{ ...SPRING, language: "de" }, SPRING]));
    const outcome = await run(client);
    expect(client.requests).toHaveLength(1);
    expect(outcome).toMatchObject({
      kind: "succeeded",
      resolution: "existing_template",
      response: { body: { id: "77", status: "APPROVED" } },
    });
    expect(outcome.kind === "succeeded" && outcome.warnings).toBeUndefined();
    expect(outcome.kind === "succeeded" && outcome.note).toBe(
      'template "spring_promo" (en_US) already existed (id 77), status APPROVED: it can be sent',
    );
  });

  it("reports a REJECTED template with Meta's reason", async () => {
    const client = new FakeClient(
      listed([{ ...SPRING, status: "REJECTED", rejected_reason: "INVALID_FORMAT" }]),
    );
    const outcome = await run(client);
    expect(outcome.kind === "succeeded" && outcome.warnings?.[0]).toMatch(
      /already existed \(id 77\) was REJECTED by Meta's review \(reason: INVALID_FORMAT\)/,
    );
  });

  it("resolves Meta's duplicate answer and a lost answer to the template found afterwards", async () => {
    const duplicate = graphError(400, {
      code: 100,
      error_subcode: 2388024,
      message: "(#100) Invalid parameter",
    });
    for (const failure of [duplicate, resetAfterWrite()]) {
      const client = new FakeClient(listed([]), failure, listed([SPRING]));
      const outcome = await run(client);
      expect(outcome).toMatchObject({ kind: "succeeded", resolution: "existing_template" });
      expect(client.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    }
  });

  it("rejects any other refusal with Meta's words", async () => {
    const client = new FakeClient(
      listed([]),
      graphError(400, { code: 100, message: "(#100) components[1] bad" }),
    );
    const outcome = await run(client);
    expect(outcome.kind).toBe("rejected");
  });
});
