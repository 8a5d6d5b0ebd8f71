import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Outcome } from "../../../src/operations/index.js";
import { type Harness, startHarness } from "./support/harness.js";

/**
 * create_flow_template and send_flow_template against the emulator's template store and its
 * Meta-like checks of template sends (132xxx), without the read-time list (no `prepare`): what a
 * sync meets when the template list could not be read, or changed during the sync.
 */
const FLOW = "900000000000501";
let h: Harness;

beforeAll(async () => {
  h = await startHarness(
    { templates: { template: "create_flow_template" }, campaign: { template: "send_flow_template" } },
    { emulator: { flows: [{ id: FLOW, name: "signup", status: "PUBLISHED" }] } },
  );
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.emu.reset());

const template = {
  name: "winter_promo",
  category: "UTILITY",
  body: "Hi {{1}}, your slot is {{2}}",
  body_examples: ["Ana", "Monday"],
  button_text: "Book",
  flow_name: "signup",
};

async function review(id: string, body: Record<string, unknown>): Promise<void> {
  const answer = await fetch(`${h.emu.url}/__emulator/templates/${id}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(answer.status).toBe(200);
}

const send = (extra: Record<string, unknown> = {}): Promise<Outcome> =>
  h.run("campaign", {
    to: "15550001234",
    template_name: "winter_promo",
    body_parameters: ["Ana", "Mon"],
    ...extra,
  });

function rejectionMessage(outcome: Outcome): string {
  if (outcome.kind !== "rejected") throw new Error(`expected a rejection, got ${outcome.kind}`);
  return outcome.error.message;
}

describe("a Flow template from creation to send", () => {
  it("creates PENDING, reports REJECTED with the reason, and sends once APPROVED", async () => {
    const created = await h.run("templates", template);
    expect(created).toMatchObject({ kind: "succeeded", response: { body: { status: "PENDING" } } });
    const id = (created.kind === "succeeded" && (created.response.body as { id: string }).id) || "";

    // Not approved yet: Meta's 132001, the rejection naming the template.
    expect(rejectionMessage(await send())).toMatch(
      /Graph error 132001 \(template "winter_promo" \(en_US\): /,
    );

    await review(id, { status: "REJECTED", rejected_reason: "TAG_CONTENT_MISMATCH" });
    const again = await h.run("templates", template);
    expect(again).toMatchObject({
      kind: "succeeded",
      resolution: "existing_template",
      response: { body: { status: "REJECTED", rejected_reason: "TAG_CONTENT_MISMATCH" } },
    });

    await review(id, { status: "APPROVED" });
    expect(await send({ flow_token: "t1", flow_action_data: { slot: "mon" } })).toMatchObject({
      kind: "succeeded",
      result: { messageId: expect.stringMatching(/^wamid\./) },
    });
    // Meta's parameter check: one value short is 132000, naming the template.
    expect(rejectionMessage(await send({ body_parameters: ["Ana"] }))).toMatch(
      /Graph error 132000 \(template "winter_promo" \(en_US\): the number of template parameters/,
    );
    expect(h.emu.journal().filter((e) => e.route === "create_template" && e.status === 200)).toHaveLength(1);
  });

  it("a button index that is not the template's FLOW button is Meta's 132012", async () => {
    const created = await h.run("templates", { ...template, flow_name: null, flow_id: FLOW });
    const id = (created.kind === "succeeded" && (created.response.body as { id: string }).id) || "";
    await review(id, { status: "APPROVED" });
    expect(rejectionMessage(await send({ button_index: 3 }))).toMatch(
      /Graph error 132012 \(template "winter_promo"/,
    );
  });
});
