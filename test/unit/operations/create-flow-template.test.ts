import { describe, expect, it } from "vitest";
import { RecordError } from "../../../src/errors/index.js";
import { createFlowTemplateOperation } from "../../../src/operations/message-templates/create-flow-template.js";
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
