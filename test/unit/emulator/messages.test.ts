import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../../src/emulator/index.js";
import { call, createFlow, errorOf, flowMessage, publishedFlow } from "./harness.js";

let emu: RunningEmulator;
let phone: string;
beforeAll(async () => {
  emu = await startEmulator({ phoneNumberIds: ["111", "222"] });
  phone = emu.phoneNumberIds[0]!;
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => emu.reset());

const send = (body: unknown, from = phone) => call(emu, "POST", `/${from}/messages`, { json: body });

describe("sending flow messages", () => {
  it("sends a published flow by id or name with Cloud API's answer and unique wamids", async () => {
    const id = await publishedFlow(emu, "pub");
    const a = await send(flowMessage({ flow_id: id }, "+1 555 000 1111"));
    const b = await send(flowMessage({ flow_name: "pub" }), "222");
    expect(a.status).toBe(200);
    expect(a.body).toEqual({
      messaging_product: "whatsapp",
      contacts: [{ input: "+1 555 000 1111", wa_id: "15550001111" }],
      messages: [{ id: expect.stringMatching(/^wamid\./) }],
    });
    const ids = [a, b].map((r) => (r.body.messages as { id: string }[])[0]!.id);
    expect(new Set(ids).size).toBe(2);
    const sends = emu.journal().filter((e) => e.route === "send");
    expect(sends.map((e) => [e.recipient, e.wamid, e.flowId])).toEqual([
      ["15550001111", ids[0], id],
      ["15550001111", ids[1], id],
    ]);
  });

  it("sends drafts only in draft mode and published flows only in published mode", async () => {
    const draft = await createFlow(emu, "draft");
    const pub = await publishedFlow(emu, "published");
    expect((await send(flowMessage({ flow_id: draft, mode: "draft" }))).status).toBe(200);
    const draftAsPublished = await send(flowMessage({ flow_id: draft }));
    expect(draftAsPublished.status).toBe(400);
    expect(errorOf(draftAsPublished).code).toBe(131009);
    expect(errorOf(await send(flowMessage({ flow_id: pub, mode: "draft" }))).code).toBe(131009);
    await call(emu, "POST", `/${pub}/deprecate`);
    expect(errorOf(await send(flowMessage({ flow_id: pub }))).code).toBe(131009);
  });

  it("rejects unknown flows, unknown phone numbers and bad message bodies", async () => {
    const unknown = await send(flowMessage({ flow_id: "123456" }));
    expect(errorOf(unknown).code).toBe(100);
    expect((errorOf(unknown).error_data as { details: string }).details).toContain("123456");
    const otherPhone = await send(flowMessage({ flow_name: "x" }), "999");
    expect(errorOf(otherPhone)).toMatchObject({ code: 100, error_subcode: 33 });
    const id = await publishedFlow(emu, "p");
    expect(errorOf(await send(flowMessage({ flow_id: id, flow_cta: "x".repeat(31) }))).code).toBe(131009);
    expect(errorOf(await send(flowMessage({ flow_id: id, flow_name: "p" }))).code).toBe(100);
    expect(errorOf(await send(flowMessage({}))).code).toBe(100);
    expect(errorOf(await send(flowMessage({ flow_id: id, flow_message_version: "2" }))).code).toBe(131009);
    expect(errorOf(await send(flowMessage({ flow_id: id, flow_action: "jump" }))).code).toBe(131009);
    const noCta = flowMessage({ flow_id: id }) as {
      interactive: { action: { parameters: Record<string, unknown> } };
    };
    delete noCta.interactive.action.parameters.flow_cta;
    expect(errorOf(await send(noCta)).message).toBe(
      "(#100) The parameter interactive['action']['parameters']['flow_cta'] is required",
    );
    expect(
      errorOf(await send({ ...flowMessage({ flow_id: id }), messaging_product: undefined })).message,
    ).toBe("(#100) The parameter messaging_product is required");
    expect(errorOf(await send({ ...flowMessage({ flow_id: id }), type: "text" })).code).toBe(100);
    expect(errorOf(await send({ ...flowMessage({ flow_id: id }), to: "not-a-number" })).code).toBe(100);
    expect(emu.journal().filter((e) => e.wamid !== undefined)).toEqual([]);
  });
});
