import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../../src/emulator/index.js";
import { MINIMAL_FLOW_JSON } from "../../support/flow-json.js";
import { call, errorOf, publishedFlow } from "./harness.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => emu.reset());

const phone = () => emu.phoneNumberIds[0]!;

function flowTemplate(name: string, button: Record<string, unknown>, language = "en_US") {
  return {
    name,
    language,
    category: "MARKETING",
    components: [
      { type: "HEADER", format: "TEXT", text: "Hi {{1}}", example: { header_text: ["Ana"] } },
      { type: "BODY", text: "Your code {{1}} expires {{2}}", example: { body_text: [["A1", "today"]] } },
      { type: "BUTTONS", buttons: [{ type: "FLOW", text: "Open", navigate_screen: "WELCOME", ...button }] },
    ],
  };
}

async function approved(name: string): Promise<string> {
  const flow = await publishedFlow(emu, `flow_of_${name}`);
  const created = await call(emu, "POST", `/${emu.wabaId}/message_templates`, {
    json: flowTemplate(name, { flow_id: flow }),
  });
  const id = created.body.id as string;
  await call(emu, "POST", `/__emulator/templates/${id}`, { json: { status: "APPROVED" } });
  return id;
}

function templateSend(name: string, components: unknown[], language = "en_US") {
  return {
    messaging_product: "whatsapp",
    to: "15550001111",
    type: "template",
    template: { name, language: { code: language }, components },
  };
}

const header = (...texts: string[]) => ({
  type: "header",
  parameters: texts.map((text) => ({ type: "text", text })),
});
const body = (...texts: string[]) => ({
  type: "body",
  parameters: texts.map((text) => ({ type: "text", text })),
});
const flowButton = (action: unknown = { flow_token: "t-1", flow_action_data: { a: 1 } }) => ({
  type: "button",
  sub_type: "flow",
  index: "0",
  parameters: [{ type: "action", action }],
});

describe("creating message templates", () => {
  it("creates a FLOW-button template by flow_id, flow_name or flow_json, PENDING until reviewed", async () => {
    const flow = await publishedFlow(emu, "signup");
    const byId = await call(emu, "POST", `/${emu.wabaId}/message_templates`, {
      json: flowTemplate("by_id", { flow_id: flow }),
    });
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual({
      id: expect.stringMatching(/^\d+$/),
      status: "PENDING",
      category: "MARKETING",
    });
    const byName = await call(emu, "POST", `/${emu.wabaId}/message_templates`, {
      json: flowTemplate("by_name", { flow_name: "signup" }),
    });
    const byJson = await call(emu, "POST", `/${emu.wabaId}/message_templates`, {
      json: flowTemplate("by_json", { flow_json: JSON.stringify(MINIMAL_FLOW_JSON) }),
    });
    expect([byName.status, byJson.status]).toEqual([200, 200]);
    expect(
      emu.templates().map((t) => [t.name, t.status, t.body_parameters, t.header_parameters, t.flow_buttons]),
    ).toEqual([
      ["by_id", "PENDING", 2, 1, 1],
      ["by_name", "PENDING", 2, 1, 1],
      ["by_json", "PENDING", 2, 1, 1],
    ]);
  });

  it("refuses a second template with the same name and language, an unknown Flow and bad shapes", async () => {
    await approved("promo");
    const again = await call(emu, "POST", `/${emu.wabaId}/message_templates`, {
      json: flowTemplate("promo", { flow_name: "flow_of_promo" }),
    });
    expect(errorOf(again)).toMatchObject({ code: 100, error_subcode: 2388024 });
    const otherLanguage = await call(emu, "POST", `/${emu.wabaId}/message_templates`, {
      json: flowTemplate("promo", { flow_name: "flow_of_promo" }, "pt_BR"),
    });
    expect(otherLanguage.status).toBe(200);
    const bad = async (json: unknown) =>
      errorOf(await call(emu, "POST", `/${emu.wabaId}/message_templates`, { json }));
    expect((await bad(flowTemplate("x", { flow_id: "999" }))).error_user_msg).toContain("999");
    expect((await bad(flowTemplate("x", { flow_id: "1", flow_name: "y" }))).error_user_msg).toContain(
      "exactly one",
    );
    expect((await bad({ ...flowTemplate("x", { flow_name: "flow_of_promo" }), category: "SPAM" })).code).toBe(
      100,
    );
    expect((await bad({ ...flowTemplate("Bad Name", { flow_name: "flow_of_promo" }) })).code).toBe(100);
    const noExample = flowTemplate("x", { flow_name: "flow_of_promo" });
    noExample.components[1] = { type: "BODY", text: "Hi {{1}}" } as never;
    expect((await bad(noExample)).error_user_msg).toContain("example.body_text");
    const gap = flowTemplate("x", { flow_name: "flow_of_promo" });
    gap.components[1] = {
      type: "BODY",
      text: "Hi {{1}} {{3}}",
      example: { body_text: [["a", "b"]] },
    } as never;
    expect((await bad(gap)).error_user_msg).toContain("without gaps");
    const invalidFlow = flowTemplate("x", {
      flow_json: JSON.stringify({ ...MINIMAL_FLOW_JSON, screens: [] }),
    });
    expect((await bad(invalidFlow)).error_user_msg).toContain("flow_json is not valid Flow JSON");
    const imageWithoutSample = flowTemplate("x", { flow_name: "flow_of_promo" });
    imageWithoutSample.components[0] = { type: "HEADER", format: "IMAGE" } as never;
    expect((await bad(imageWithoutSample)).error_user_msg).toContain("example.header_handle is required");
    const namedWithoutFormat = flowTemplate("x", { flow_name: "flow_of_promo" });
    namedWithoutFormat.components[0] = {
      type: "HEADER",
      format: "TEXT",
      text: "Hi {{first_name}}",
      example: { header_text: ["Ana"] },
    } as never;
    expect((await bad(namedWithoutFormat)).error_user_msg).toContain("set parameter_format to NAMED");
  });

  it("lists templates with status, filtered by name, language, status and category", async () => {
    await approved("spring_sale");
    await call(emu, "POST", `/${emu.wabaId}/message_templates`, {
      json: flowTemplate("spring_news", { flow_name: "flow_of_spring_sale" }, "pt_BR"),
    });
    const list = async (q: string) =>
      (
        (await call(emu, "GET", `/${emu.wabaId}/message_templates${q}`)).body.data as Array<
          Record<string, unknown>
        >
      ).map((t) => `${t.name}/${t.language}/${t.status}`);
    expect(await list("")).toEqual(["spring_sale/en_US/APPROVED", "spring_news/pt_BR/PENDING"]);
    expect(await list("?status=APPROVED")).toEqual(["spring_sale/en_US/APPROVED"]);
    expect(await list("?language=pt_BR")).toEqual(["spring_news/pt_BR/PENDING"]);
    expect(await list("?name=news")).toEqual(["spring_news/pt_BR/PENDING"]);
    expect(await list("?category=UTILITY")).toEqual([]);
    const one = await call(
      emu,
      "GET",
      `/${emu.wabaId}/message_templates?name=spring_sale&fields=name,status,rejected_reason`,
    );
    expect((one.body.data as unknown[])[0]).toEqual({
      id: expect.any(String),
      name: "spring_sale",
      status: "APPROVED",
      rejected_reason: "NONE",
    });
  });

  it("takes a rejection with its reason through the control API", async () => {
    const created = await call(emu, "POST", `/${emu.wabaId}/message_templates`, {
      json: flowTemplate("nope", { flow_json: JSON.stringify(MINIMAL_FLOW_JSON) }),
    });
    const review = await call(emu, "POST", `/__emulator/templates/${created.body.id}`, {
      json: { status: "REJECTED", rejected_reason: "PROMOTIONAL" },
    });
    expect(review.body.template).toMatchObject({ status: "REJECTED", rejected_reason: "PROMOTIONAL" });
    expect(
      (await call(emu, "POST", `/__emulator/templates/${created.body.id}`, { json: { status: "MAYBE" } }))
        .status,
    ).toBe(400);
    expect(
      (await call(emu, "POST", "/__emulator/templates/404", { json: { status: "APPROVED" } })).status,
    ).toBe(404);
  });
});

describe("sending template messages", () => {
  it("sends an approved template whose parameters and flow button match", async () => {
    await approved("offer");
    const r = await call(emu, "POST", `/${phone()}/messages`, {
      json: templateSend("offer", [header("Ana"), body("A1", "today"), flowButton()]),
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      contacts: [{ input: "15550001111", wa_id: "15550001111" }],
      messages: [{ id: expect.stringMatching(/^wamid\./), message_status: "accepted" }],
    });
    expect(emu.journal().at(-1)).toMatchObject({
      route: "send",
      template: "offer:en_US",
      recipient: "15550001111",
    });
  });

  it("answers each wrong send with Meta's template error code", async () => {
    const id = await approved("offer");
    const send = async (components: unknown[], name = "offer", language = "en_US") =>
      errorOf(
        await call(emu, "POST", `/${phone()}/messages`, { json: templateSend(name, components, language) }),
      );
    const ok = [header("Ana"), body("A1", "today"), flowButton()];
    expect((await send(ok, "missing")).code).toBe(132001);
    expect((await send(ok, "offer", "de_DE")).code).toBe(132001);
    const count = await send([header("Ana"), body("A1"), flowButton()]);
    expect(count.code).toBe(132000);
    expect((count.error_data as { details: string }).details).toBe(
      "body: number of localizable_params (1) does not match the expected number of params (2)",
    );
    expect((await send([body("A1", "today")])).code).toBe(132000); // the header's parameter is missing
    expect((await send([header("x".repeat(61)), body("A1", "today")])).code).toBe(132005);
    expect((await send([header("Ana"), body("A1", "x".repeat(1024))])).code).toBe(132005);
    expect(
      (
        await send([
          header("Ana"),
          { type: "body", parameters: [{ type: "image" }, { type: "text", text: "b" }] },
        ])
      ).code,
    ).toBe(132012);
    expect(
      (await send([header("Ana"), body("A1", "today"), { ...flowButton(), sub_type: "url" }])).code,
    ).toBe(132012);
    expect((await send([header("Ana"), body("A1", "today"), flowButton("not an object")])).code).toBe(132012);
    expect((await send([header("Ana"), body("A1", "today"), { ...flowButton(), index: "3" }])).code).toBe(
      132012,
    );
    await call(emu, "POST", `/__emulator/templates/${id}`, { json: { status: "PAUSED" } });
    expect((await send(ok)).code).toBe(132015);
    await call(emu, "POST", `/__emulator/templates/${id}`, { json: { status: "DISABLED" } });
    expect((await send(ok)).code).toBe(132016);
    await call(emu, "POST", `/__emulator/templates/${id}`, { json: { status: "PENDING" } });
    const pending = await call(emu, "POST", `/${phone()}/messages`, { json: templateSend("offer", ok) });
    expect([pending.status, errorOf(pending).code]).toEqual([404, 132001]);
  });

  it("seeds approved templates and keeps them across resets", async () => {
    const seeded = await startEmulator({
      templates: [
        {
          name: "hello",
          language: "en",
          components: [{ type: "BODY", text: "Hello {{1}}", example: { body_text: [["x"]] } }],
        },
      ],
    });
    try {
      await call(seeded, "POST", `/${seeded.wabaId}/message_templates`, {
        json: {
          name: "later",
          language: "en",
          category: "UTILITY",
          components: [{ type: "BODY", text: "Hi" }],
        },
      });
      seeded.reset();
      expect(seeded.templates().map((t) => `${t.name}:${t.status}`)).toEqual(["hello:APPROVED"]);
      const r = await call(seeded, "POST", `/${seeded.phoneNumberIds[0]}/messages`, {
        json: templateSend("hello", [body("Ana")], "en"),
      });
      expect(r.status).toBe(200);
    } finally {
      await seeded.close();
    }
  });
});

describe("the Flow a template's FLOW button opens", () => {
  it("is listed by its id as Meta keeps it (a number, also for a button made by flow_name); a flow_json button has none", async () => {
    const flow = await publishedFlow(emu, "signup");
    for (const [name, button] of [
      ["by_id", { flow_id: flow }],
      ["by_name", { flow_name: "signup" }],
      ["by_json", { flow_json: JSON.stringify(MINIMAL_FLOW_JSON) }],
    ] as const) {
      await call(emu, "POST", `/${emu.wabaId}/message_templates`, { json: flowTemplate(name, button) });
    }
    const listed = await call(emu, "GET", `/${emu.wabaId}/message_templates?fields=name,components`);
    const buttons = (
      listed.body.data as Array<{ name: string; components: Array<Record<string, unknown>> }>
    ).map((t) => [
      t.name,
      (t.components.find((c) => c.type === "BUTTONS")?.buttons as unknown[] | undefined)?.[0],
    ]);
    expect(buttons).toEqual([
      ["by_id", { type: "FLOW", text: "Open", navigate_screen: "WELCOME", flow_id: Number(flow) }],
      ["by_name", { type: "FLOW", text: "Open", navigate_screen: "WELCOME", flow_id: Number(flow) }],
      [
        "by_json",
        {
          type: "FLOW",
          text: "Open",
          navigate_screen: "WELCOME",
          flow_json: JSON.stringify(MINIMAL_FLOW_JSON),
        },
      ],
    ]);
  });

  it("set BLOCKED through the control API, refuses the template's sends (132068); LIMITED still sends", async () => {
    await approved("offer");
    const flowId = emu.flows().find((f) => f.name === "flow_of_offer")!.id;
    const send = () =>
      call(emu, "POST", `/${phone()}/messages`, {
        json: templateSend("offer", [header("Ana"), body("A1", "today"), flowButton()]),
      });
    await call(emu, "POST", `/__emulator/flows/${flowId}/health`, { json: { can_send_message: "BLOCKED" } });
    const refused = await send();
    expect(refused.status).toBe(400);
    expect(errorOf(refused)).toMatchObject({ code: 132068, message: "(#132068) Flow is blocked" });
    expect((errorOf(refused).error_data as { details: string }).details).toContain(`Flow '${flowId}'`);
    await call(emu, "POST", `/__emulator/flows/${flowId}/health`, { json: { can_send_message: "LIMITED" } });
    expect((await send()).status).toBe(200);
  });
});

describe("templates with named placeholders (parameter_format NAMED)", () => {
  const named = (body: Record<string, unknown>) => ({
    name: "named_promo",
    language: "en_US",
    category: "MARKETING",
    parameter_format: "NAMED",
    components: [
      { type: "BODY", text: "Hi {{first_name}}, use {{code}}", ...body },
      {
        type: "BUTTONS",
        buttons: [{ type: "FLOW", text: "Open", flow_json: JSON.stringify(MINIMAL_FLOW_JSON) }],
      },
    ],
  });
  const examples = {
    example: {
      body_text_named_params: [
        { param_name: "first_name", example: "Ana" },
        { param_name: "code", example: "SAVE10" },
      ],
    },
  };
  const namedParam = (parameter_name: string, text: string) => ({ type: "text", parameter_name, text });

  it("creates one with a named example per placeholder, lists it NAMED and sends it by parameter_name", async () => {
    const created = await call(emu, "POST", `/${emu.wabaId}/message_templates`, { json: named(examples) });
    expect(created.status).toBe(200);
    await call(emu, "POST", `/__emulator/templates/${created.body.id as string}`, {
      json: { status: "APPROVED" },
    });
    const listed = await call(emu, "GET", `/${emu.wabaId}/message_templates?fields=name,parameter_format`);
    expect(listed.body.data).toEqual([
      { name: "named_promo", parameter_format: "NAMED", id: created.body.id },
    ]);
    const send = (parameters: unknown[]) =>
      call(emu, "POST", `/${phone()}/messages`, {
        json: templateSend("named_promo", [{ type: "body", parameters }, flowButton()]),
      });
    expect((await send([namedParam("code", "X1"), namedParam("first_name", "Bo")])).status).toBe(200);
    expect(errorOf(await send([namedParam("code", "X1"), namedParam("code", "Bo")])).code).toBe(132012);
    expect(errorOf(await send([{ type: "text", text: "Bo" }, namedParam("code", "X1")])).code).toBe(132012);
    expect(errorOf(await send([namedParam("code", "X1")])).code).toBe(132000);
  });

  it("refuses a missing named example, a numbered placeholder and an unknown parameter_format", async () => {
    const bad = async (json: unknown) =>
      errorOf(await call(emu, "POST", `/${emu.wabaId}/message_templates`, { json }));
    const oneMissing = { example: { body_text_named_params: [examples.example.body_text_named_params[0]] } };
    expect((await bad(named(oneMissing))).error_user_msg).toContain("code has none");
    expect((await bad(named({ ...examples, text: "Hi {{1}}, use {{code}}" }))).error_user_msg).toContain(
      "every placeholder must be named",
    );
    expect((await bad({ ...named(examples), parameter_format: "FREE" })).code).toBe(100);
  });
});

describe("templates with a media header", () => {
  async function imageTemplate(name: string): Promise<void> {
    const flow = await publishedFlow(emu, `flow_of_${name}`);
    const json = flowTemplate(name, { flow_id: flow });
    json.components[0] = {
      type: "HEADER",
      format: "IMAGE",
      example: { header_handle: ["4::aW1n"] },
    } as never;
    const created = await call(emu, "POST", `/${emu.wabaId}/message_templates`, { json });
    expect(created.status).toBe(200);
    await call(emu, "POST", `/__emulator/templates/${created.body.id as string}`, {
      json: { status: "APPROVED" },
    });
  }
  const send = async (header: unknown) =>
    call(emu, "POST", `/${phone()}/messages`, {
      json: templateSend("picture", [
        ...(header === undefined ? [] : [header]),
        body("A1", "today"),
        flowButton(),
      ]),
    });

  it("sends with one image parameter, by link or id", async () => {
    await imageTemplate("picture");
    for (const image of [{ link: "https://cdn.example.com/p.jpg" }, { id: "1234" }]) {
      const r = await send({ type: "header", parameters: [{ type: "image", image }] });
      expect(r.status).toBe(200);
    }
  });

  it("answers 132000 without the image and 132012 for a text or other media parameter", async () => {
    await imageTemplate("picture");
    expect(errorOf(await send(undefined)).code).toBe(132000);
    expect(errorOf(await send(header("Ana"))).code).toBe(132012);
    const video = { type: "header", parameters: [{ type: "video", video: { link: "https://x/v.mp4" } }] };
    expect(errorOf(await send(video)).code).toBe(132012);
  });
});
