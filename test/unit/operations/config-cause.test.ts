import { describe, expect, it } from "vitest";
import { RecordError } from "../../../src/errors/index.js";
import { publishFlowOperation } from "../../../src/operations/flows/publish-flow.js";
import { updateFlowJsonOperation } from "../../../src/operations/flows/update-flow-json.js";
import type { Outcome } from "../../../src/operations/index.js";
import { sendFlowMessageOperation } from "../../../src/operations/messages/send-flow-message.js";
import { sendFlowTemplateOperation } from "../../../src/operations/messages/send-flow-template.js";
import { MINIMAL_FLOW_JSON } from "../../support/flow-json.js";
import { ctx, envWith, FakeClient, graphError, makeConfig, ok, thrownBy, WABA } from "./support/fixtures.js";

/**
 * Which rejections carry a configuration-level cause (no record naming the same template or Flow
 * could succeed): what the write pipeline's first-records rule stops on, and nothing else.
 */
const c = ctx("campaign", 1, { template: "send_flow_template" });

const WELCOME = {
  id: "901",
  name: "welcome_flow",
  language: "en_US",
  status: "APPROVED",
  components: [
    { type: "BODY", text: "Hi {{1}}" },
    { type: "BUTTONS", buttons: [{ type: "FLOW", text: "Open", flow_id: "1" }] },
  ],
};
const send = (extra: Record<string, unknown> = {}) => ({
  to: "15550001111",
  template_name: "welcome_flow",
  body_parameters: ["Ana"],
  ...extra,
});

const planError = (fn: () => unknown) => thrownBy(fn, RecordError);

const causeOf = (outcome: Outcome) =>
  outcome.kind === "rejected" && outcome.error instanceof RecordError ? outcome.error.configCause : undefined;

async function templateSender(templates: unknown[]) {
  const op = sendFlowTemplateOperation(
    envWith(new FakeClient(ok({ data: templates, paging: {} })), makeConfig()),
    {},
  );
  await op.prepare?.();
  return op;
}

describe("configuration-level causes at plan time (the WABA's template list)", () => {
  it("a template missing from the list: the cause names it and the WABA, and says what to do", async () => {
    const op = await templateSender([WELCOME]);
    const error = planError(() => op.plan(send({ template_name: "welcom_flow" }), c));
    expect(error.configCause).toEqual({
      key: expect.any(String),
      problem: `template "welcom_flow" (en_US) does not exist in WhatsApp Business Account ${WABA}`,
      hint: expect.stringContaining("create_flow_template"),
    });
  });

  it("a PENDING template: wait for Meta's review; a REJECTED one: its reason", async () => {
    const op = await templateSender([
      { ...WELCOME, status: "PENDING" },
      { ...WELCOME, language: "de", status: "REJECTED", rejected_reason: "INVALID_FORMAT" },
    ]);
    const pending = planError(() => op.plan(send(), c)).configCause;
    expect(pending?.problem).toBe(
      'template "welcome_flow" (en_US) is PENDING: only APPROVED templates can be sent',
    );
    expect(pending?.hint).toContain("Wait for Meta's review");
    const rejected = planError(() => op.plan(send({ language: "de" }), c)).configCause;
    expect(rejected?.problem).toContain("is REJECTED (INVALID_FORMAT)");
  });

  it("an APPROVED template without a FLOW button is a cause too", async () => {
    const op = await templateSender([{ ...WELCOME, components: [{ type: "BODY", text: "Hi {{1}}" }] }]);
    const error = planError(() => op.plan(send(), c));
    expect(error.field).toBe("template_name");
    expect(error.configCause?.problem).toBe('template "welcome_flow" (en_US) has no FLOW button');
  });

  it("the same template gives the same key; another template or language another", async () => {
    const op = await templateSender([WELCOME]);
    const key = (extra: Record<string, unknown>) => planError(() => op.plan(send(extra), c)).configCause?.key;
    expect(key({ template_name: "x", to: "15550002222" })).toBe(key({ template_name: "x" }));
    expect(key({ template_name: "y" })).not.toBe(key({ template_name: "x" }));
    expect(key({ template_name: "x", language: "de" })).not.toBe(key({ template_name: "x" }));
  });

  it("record-level problems carry none: a parameter count, a recipient, a missing field", async () => {
    const op = await templateSender([WELCOME]);
    expect(planError(() => op.plan(send({ body_parameters: [] }), c)).configCause).toBeUndefined();
    expect(planError(() => op.plan(send({ to: "12" }), c)).configCause).toBeUndefined();
    expect(planError(() => op.plan(send({ template_name: null }), c)).configCause).toBeUndefined();
  });
});

describe("configuration-level causes in Meta's answers", () => {
  async function templateAnswer(code: number) {
    const op = sendFlowTemplateOperation(envWith(new FakeClient(graphError(400, { code }))), {});
    return op.execute(op.plan(send(), c));
  }

  it.each([132001, 132015, 132016])("%i refuses the template as such: a cause naming it", async (code) => {
    const cause = causeOf(await templateAnswer(code));
    expect(cause?.problem).toMatch(
      new RegExp(`^Meta refused template "welcome_flow" \\(en_US\\): .*Graph error ${code}`),
    );
  });

  it.each([132000, 132012, 131026, 131009])("%i is the record's own problem: no cause", async (code) => {
    const outcome = await templateAnswer(code);
    expect(outcome.kind).toBe("rejected");
    expect(causeOf(outcome)).toBeUndefined();
  });

  it("a Flow call answered 'does not exist' (100/33) names the missing Flow", async () => {
    const client = new FakeClient(
      graphError(400, { code: 100, error_subcode: 33 }),
      graphError(400, { code: 100, error_subcode: 33 }, 1, "GET"),
    );
    const op = publishFlowOperation(envWith(client), { template: "publish_flow", flow_id: "777" });
    const cause = causeOf(await op.execute(op.plan({}, ctx("go_live", 1))));
    expect(cause?.problem).toBe("Flow 777 does not exist or the token cannot access it");
    expect(cause?.hint).toContain("create_flow or deploy_flow");
  });

  it("a Flow name that resolves to nothing under the WABA names the missing Flow", async () => {
    const client = new FakeClient(ok({ data: [{ id: "1", name: "Other" }], paging: {} }));
    const op = updateFlowJsonOperation(envWith(client), { template: "update_flow_json" });
    const outcome = await op.execute(
      op.plan({ flow_name: "Order survey", flow_json: MINIMAL_FLOW_JSON }, ctx("bodies", 1)),
    );
    expect(causeOf(outcome)?.problem).toBe(
      `no Flow named "Order survey" exists under WhatsApp Business Account ${WABA}`,
    );
  });

  it("132068 on an interactive send refuses the Flow it opens: a cause naming that Flow", async () => {
    const op = sendFlowMessageOperation(envWith(new FakeClient(graphError(400, { code: 132068 }))), {
      template: "send_published_flow",
    });
    const shorthand = { to: "15550001111", flow_name: "Order survey", flow_cta: "Open", body: "Hi" };
    const cause = causeOf(await op.execute(op.plan(shorthand, ctx("invites", 1))));
    expect(cause?.problem).toMatch(
      /^Meta refused Flow "Order survey": the Flow is blocked \(Graph error 132068\)$/,
    );
    const fullBody = {
      messaging_product: "whatsapp",
      to: "15550001111",
      type: "interactive",
      interactive: {
        type: "flow",
        body: { text: "Hi" },
        action: { name: "flow", parameters: { flow_message_version: "3", flow_cta: "Open", flow_id: 5 } },
      },
    };
    const again = sendFlowMessageOperation(envWith(new FakeClient(graphError(400, { code: 132068 }))), {
      template: "send_published_flow",
    });
    expect(causeOf(await again.execute(again.plan(fullBody, ctx("invites", 2))))?.problem).toMatch(
      /^Meta refused Flow 5: /,
    );
  });

  it("a send naming a Flow that does not exist (code 100 in the body) is the record's problem", async () => {
    const op = sendFlowMessageOperation(envWith(new FakeClient(graphError(400, { code: 100 }))), {
      template: "send_published_flow",
    });
    const outcome = await op.execute(
      op.plan({ to: "15550001111", flow_id: "5", flow_cta: "Open", body: "Hi" }, ctx("invites", 1)),
    );
    expect(outcome.kind).toBe("rejected");
    expect(causeOf(outcome)).toBeUndefined();
  });
});
