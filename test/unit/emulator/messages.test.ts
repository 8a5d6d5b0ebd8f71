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

describe("callback data and the Marketing Messages API", () => {
  const statuses = async () =>
    ((await (await fetch(`${emu.url}/__emulator/statuses`)).json()) as { statuses: unknown[] }).statuses;

  it("echoes biz_opaque_callback_data in its status log; refuses one over 512 characters", async () => {
    const id = await publishedFlow(emu, "pub");
    const sent = await send({ ...flowMessage({ flow_id: id }), biz_opaque_callback_data: "row-1" });
    expect(sent.status).toBe(200);
    const wamid = (sent.body.messages as { id: string }[])[0]!.id;
    const long = await send({ ...flowMessage({ flow_id: id }), biz_opaque_callback_data: "x".repeat(513) });
    expect(long.status).toBe(400);
    expect(errorOf(long).code).toBe(131009);
    expect(await statuses()).toEqual([
      {
        id: wamid,
        status: "sent",
        timestamp: expect.stringMatching(/^\d+$/),
        recipient_id: "15550001111",
        biz_opaque_callback_data: "row-1",
        edge: "messages",
      },
    ]);
  });

  it("POST /marketing_messages takes templates; a WABA not onboarded gets a permission error", async () => {
    const interactive = await call(emu, "POST", `/${phone}/marketing_messages`, {
      json: flowMessage({ flow_id: "1" }),
    });
    expect(interactive.status).toBe(400);
    const off = await fetch(`${emu.url}/__emulator/marketing_messages`, {
      method: "POST",
      body: JSON.stringify({ onboarded: false }),
    });
    expect(await off.json()).toEqual({ onboarded: false });
    const refused = await call(emu, "POST", `/${phone}/marketing_messages`, {
      json: {
        messaging_product: "whatsapp",
        recipient_type: "individual",
        to: "15550001111",
        type: "template",
      },
    });
    expect(refused.status).toBe(403);
    expect(errorOf(refused).code).toBe(200);
    emu.reset();
    expect(await (await fetch(`${emu.url}/__emulator/marketing_messages`)).json()).toEqual({
      onboarded: true,
    });
    expect(await statuses()).toEqual([]);
  });
});
