import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator, SeedTemplate } from "../../src/emulator/index.js";
import { type CliResult, ofType, runCli } from "../support/cli.js";
import { MINIMAL_FLOW_JSON } from "../support/flow-json.js";
import { assertNoSecrets } from "../support/no-secrets.js";
import { assertProtocolLines } from "../support/protocol-schema.js";
import { tempDir } from "../support/temp-files.js";
import {
  acceptedSends,
  emulator,
  PUBLISHED_FLOW,
  SPRING_PROMO,
  TOKEN,
  webhookReceiver,
} from "./write-support.js";

/**
 * A Flow campaign through the built CLI against the emulator with the 24-hour window enforced:
 * interactive sends answer 131047 (and say to use send_flow_template), the template reaches
 * every recipient; create_flow_template is idempotent; discover offers each approved Flow
 * template as its own object, and a write against that object sends it.
 */
const PROMO = SPRING_PROMO;
const PENDING: SeedTemplate = { ...PROMO, name: "not_yet", status: "PENDING" };
/** PROMO with an IMAGE header: its send needs the image, given as a link. */
const PICTURE: SeedTemplate = {
  ...PROMO,
  name: "picture_promo",
  components: [
    { type: "HEADER", format: "IMAGE", example: { header_handle: ["4::aW1n"] } },
    ...PROMO.components,
  ],
};

const SECRET = "campaign-webhook-secret-1";
const dir = tempDir();
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await emulator({ customerServiceWindow: "enforced", templates: [PROMO, PENDING, PICTURE] });
});
afterAll(async () => {
  await emu.close();
  dir.cleanup();
});

interface Stream {
  readonly name: string;
  readonly object?: string;
}

function config(streams: Record<string, string> = {}): Record<string, unknown> {
  return {
    access_token: TOKEN,
    waba_id: emu.wabaId,
    phone_number_id: emu.phoneNumberIds[0],
    base_url: emu.url,
    streams: Object.entries(streams).map(([stream_name, template]) => ({
      stream_name,
      endpoint: { template },
    })),
    throughput: { messages_per_second: "0", max_concurrency: 8, request_timeout_seconds: 10 },
  };
}

function catalog(streams: readonly Stream[]): Record<string, unknown> {
  return {
    streams: streams.map((s) => ({
      stream: { name: s.name, json_schema: {}, supported_sync_modes: ["full_refresh"] },
      sync_mode: "full_refresh",
      destination_sync_mode: "append",
      ...(s.object ? { destination_object_name: s.object } : {}),
    })),
  };
}

const record = (stream: string, data: Record<string, unknown>) =>
  JSON.stringify({ type: "RECORD", record: { stream, data, emitted_at: 1 } });

async function cli(args: string[], stdin?: string): Promise<CliResult> {
  const result = await runCli(args, { ...(stdin === undefined ? {} : { stdin }), timeoutMs: 120_000 });
  assertProtocolLines(result.lines);
  assertNoSecrets({ stdout: result.stdout, stderr: result.stderr }, [TOKEN, SECRET]);
  return result;
}

async function write(cfg: Record<string, unknown>, streams: readonly Stream[], lines: string[]) {
  const name = `${Math.random().toString(36).slice(2)}`;
  return cli(
    [
      "write",
      "--config",
      dir.file(`${name}-config.json`, cfg),
      "--catalog",
      dir.file(`${name}-catalog.json`, catalog(streams)),
    ],
    `${lines.join("\n")}\n`,
  );
}

function logs(result: CliResult, level: "INFO" | "WARN"): string[] {
  return (ofType(result, "LOG") as Array<{ log: { level: string; message: string } }>)
    .filter((m) => m.log.level === level)
    .map((m) => m.log.message);
}
const warnings = (result: CliResult): string[] => logs(result, "WARN");

const recipient = (i: number) => `1555${String(2000000 + i)}`;

describe("a campaign to customers outside the 24-hour window", () => {
  it("interactive sends answer 131047 with the hint; send_flow_template reaches all 200 recipients", async () => {
    const interactive = [0, 1].map((i) =>
      record("invites", { to: recipient(i), flow_id: PUBLISHED_FLOW, flow_cta: "Open", body: "Hi" }),
    );
    const campaign = Array.from({ length: 200 }, (_, i) =>
      record("campaign", {
        to: `+${recipient(i)}`,
        template_name: "spring_promo",
        body_parameters: [`Customer ${i}`, `CODE${i}`],
        flow_token: `campaign-1-${i}`,
        flow_action_data: { customer_id: i },
      }),
    );
    // Wrong parameter count and an unapproved template: rejected at read time, without a call.
    const bad = [
      record("campaign", {
        to: recipient(900),
        template_name: "spring_promo",
        body_parameters: ["only one"],
      }),
      record("campaign", { to: recipient(901), template_name: "not_yet", body_parameters: ["a", "b"] }),
    ];
    emu.reset();
    const result = await write(
      config({ invites: "send_published_flow", campaign: "send_flow_template" }),
      [{ name: "invites" }, { name: "campaign" }],
      [...interactive, ...campaign, ...bad],
    );
    expect(result.code).toBe(0);
    const sent = acceptedSends(emu);
    for (let i = 0; i < 200; i++) expect(sent.get(recipient(i)), recipient(i)).toBe(1);
    expect(sent.size).toBe(200);
    const templateSends = emu
      .journal()
      .filter((e) => e.route === "send" && e.template === "spring_promo:en_US");
    expect(templateSends).toHaveLength(200);
    expect(
      emu.journal().filter((e) => e.recipient === recipient(900) || e.recipient === recipient(901)),
    ).toEqual([]);
    const warned = warnings(result);
    const outside = warned.filter((w) => /Graph error 131047/.test(w));
    expect(outside).toHaveLength(2);
    for (const w of outside)
      expect(w).toMatch(/reach them with a Flow template \(send_flow_template\) instead/);
    expect(
      warned.some((w) =>
        /field "body_parameters".*template "spring_promo" \(en_US\) has 2 placeholder/.test(w),
      ),
    ).toBe(true);
    expect(warned.some((w) => /template "not_yet" \(en_US\), which is PENDING/.test(w))).toBe(true);
    // The template list was read once for the whole sync.
    expect(emu.journal().filter((e) => e.route === "list_templates")).toHaveLength(1);
  });
});

describe("create_flow_template", () => {
  const row = record("templates", {
    name: "autumn_promo",
    category: "MARKETING",
    body: "Hello {{1}}",
    body_examples: ["Ana"],
    button_text: "Open",
    flow_id: PUBLISHED_FLOW,
  });

  it("creates once; the second run reuses the template and reports its status, in the log and the webhook", async () => {
    emu.reset();
    const hook = await webhookReceiver();
    const cfg = {
      ...config({ templates: "create_flow_template" }),
      response_webhook: { mode: "webhook", url: hook.url, signing_secret: SECRET, batch_size: 1 },
    };
    let first: CliResult;
    try {
      first = await write(cfg, [{ name: "templates" }], [row]);
    } finally {
      await hook.close();
    }
    expect(first.code).toBe(0);
    expect(logs(first, "INFO").join("\n")).toMatch(
      /template "autumn_promo" \(en_US\) created \(id \d+\), status PENDING/,
    );
    const [envelope] = hook.bodies.map((b) => JSON.parse(b) as Record<string, unknown>);
    expect(envelope).toMatchObject({
      template: "create_flow_template",
      outcome: "succeeded",
      response: { status: 200, body: { name: "autumn_promo", language: "en_US", status: "PENDING" } },
    });
    const second = await write(config({ templates: "create_flow_template" }), [{ name: "templates" }], [row]);
    expect(second.code).toBe(0);
    expect(logs(second, "INFO").join("\n")).toMatch(
      /template "autumn_promo" \(en_US\) already existed \(id \d+\), status PENDING/,
    );
    const creates = emu.journal().filter((e) => e.route === "create_template");
    expect(creates).toHaveLength(1);
    expect(emu.templates().filter((t) => t.name === "autumn_promo")).toHaveLength(1);
  });
});

describe("create_flow_template: named placeholders, inline flow_json, media headers", () => {
  const template = (name: string, data: Record<string, unknown>) =>
    record("templates", {
      name,
      category: "MARKETING",
      body: "Spring is here",
      button_text: "Open",
      ...data,
    });
  const good = [
    template("named_promo", {
      body: "Hi {{first_name}}, your code is {{code}}",
      body_examples: { first_name: "Ana", code: "SAVE10" },
      flow_id: PUBLISHED_FLOW,
    }),
    template("inline_flow", { flow_json: JSON.stringify(MINIMAL_FLOW_JSON), navigate_screen: "WELCOME" }),
    template("image_promo", {
      header_format: "IMAGE",
      header_example: "https://cdn.example.com/spring.jpg",
      flow_id: PUBLISHED_FLOW,
    }),
  ];
  const bad = [
    template("named_missing", {
      body: "Hi {{first_name}}, your code is {{code}}",
      body_examples: { first_name: "Ana" },
      flow_id: PUBLISHED_FLOW,
    }),
    template("two_flows", { flow_id: PUBLISHED_FLOW, flow_json: MINIMAL_FLOW_JSON }),
    template("bad_flow", { flow_json: { ...MINIMAL_FLOW_JSON, screens: [] } }),
    template("image_no_sample", { header_format: "IMAGE", flow_id: PUBLISHED_FLOW }),
  ];

  it("creates each as Meta takes it, refuses bad records before any call, and sends the NAMED one by parameter_name", async () => {
    emu.reset();
    const on = await fetch(`${emu.url}/__emulator/journal`, {
      method: "POST",
      body: JSON.stringify({ exchanges: true }),
    });
    expect(on.status).toBe(200);
    const created = await write(
      config({ templates: "create_flow_template" }),
      [{ name: "templates" }],
      [...good, ...bad],
    );
    expect(created.code).toBe(0);
    // Templates of different names are created concurrently: their requests may arrive in any order.
    const creates = emu.journal().filter((e) => e.route === "create_template");
    const byTemplate = new Map(creates.map((e) => [e.template, e]));
    expect(creates.map((e) => [e.template, e.status]).sort()).toEqual([
      ["image_promo:en_US", 200],
      ["inline_flow:en_US", 200],
      ["named_promo:en_US", 200],
    ]);
    const [named, inline, image] = ["named_promo:en_US", "inline_flow:en_US", "image_promo:en_US"].map(
      (t) => byTemplate.get(t)?.exchange?.body as Record<string, unknown>,
    );
    expect(named).toMatchObject({
      parameter_format: "NAMED",
      components: [
        {
          type: "BODY",
          example: {
            body_text_named_params: [
              { param_name: "first_name", example: "Ana" },
              { param_name: "code", example: "SAVE10" },
            ],
          },
        },
        { type: "BUTTONS" },
      ],
    });
    expect(inline).toMatchObject({
      components: [
        { type: "BODY" },
        { buttons: [{ type: "FLOW", flow_json: JSON.stringify(MINIMAL_FLOW_JSON) }] },
      ],
    });
    expect(image).toMatchObject({
      components: [
        {
          type: "HEADER",
          format: "IMAGE",
          example: { header_handle: ["https://cdn.example.com/spring.jpg"] },
        },
        { type: "BODY" },
        { type: "BUTTONS" },
      ],
    });
    const warned = warnings(created).join("\n");
    expect(warned).toMatch(
      /Stream "templates" record 4 .*: field "body_examples" gives no sample value for \{\{code\}\}/,
    );
    expect(warned).toMatch(/Stream "templates" record 5 .*: fields "flow_id" and "flow_json" are both set/);
    expect(warned).toMatch(
      /Stream "templates" record 6 .*ERR_FLOW_JSON_INVALID\]: field "flow_json" fails Flow JSON validation/,
    );
    expect(warned).toMatch(
      /Stream "templates" record 7 .*: field "header_example" is required for the template's IMAGE header/,
    );

    // Meta's review approves it; the campaign's values go out with the names of the placeholders.
    const id = emu.templates().find((t) => t.name === "named_promo")?.id;
    await fetch(`${emu.url}/__emulator/templates/${id}`, {
      method: "POST",
      body: JSON.stringify({ status: "APPROVED" }),
    });
    const sent = await write(
      config({ campaign: "send_flow_template" }),
      [{ name: "campaign" }],
      [
        record("campaign", {
          to: recipient(950),
          template_name: "named_promo",
          body_parameters: ["Bo", "X1"],
        }),
      ],
    );
    expect(sent.code).toBe(0);
    const send = emu.journal().find((e) => e.route === "send" && e.template === "named_promo:en_US");
    expect(send?.status).toBe(200);
    expect(
      (send?.exchange?.body as { template?: { components?: unknown[] } } | undefined)?.template?.components,
    ).toContainEqual({
      type: "body",
      parameters: [
        { type: "text", parameter_name: "first_name", text: "Bo" },
        { type: "text", parameter_name: "code", text: "X1" },
      ],
    });
  });
});

describe("live discover", () => {
  const objectName = "send_flow_template__spring_promo__en_US";
  const pictureObject = "send_flow_template__picture_promo__en_US";

  it("lists one object per APPROVED Flow template, with exactly its parameters", async () => {
    emu.reset();
    const result = await cli(["discover", "--config", dir.file("discover.json", config())]);
    expect(result.code).toBe(0);
    expect(ofType(result, "LOG")).toEqual([]);
    const [message] = ofType(result, "DESTINATION_CATALOG") as Array<{
      destination_catalog: {
        operations: Array<{ object_name: string; json_schema: { required: string[]; properties: object } }>;
      };
    }>;
    const operations = message!.destination_catalog.operations;
    const live = operations.filter((op) => op.object_name.startsWith("send_flow_template__"));
    expect(live.map((op) => op.object_name).sort()).toEqual([pictureObject, objectName]);
    const required = (name: string) => live.find((op) => op.object_name === name)!.json_schema.required;
    expect(required(objectName)).toEqual(["to", "body_1", "body_2"]);
    expect(required(pictureObject)).toEqual(["to", "header_1", "body_1", "body_2"]);
    expect(Object.keys(live[0]!.json_schema.properties)).toContain("flow_token");
    expect(operations.some((op) => op.object_name === "send_flow_template")).toBe(true);
  });

  it("writes against that object, its fields mapped into the template's parameters", async () => {
    emu.reset();
    const result = await write(
      config(),
      [{ name: "audience", object: objectName }],
      [record("audience", { to: recipient(7), body_1: "Ana", body_2: "SAVE10", flow_token: "t-7" })],
    );
    expect(result.code).toBe(0);
    expect(warnings(result)).toEqual([]);
    const sends = emu.journal().filter((e) => e.route === "send");
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({ template: "spring_promo:en_US", recipient: recipient(7), status: 200 });
  });

  it("sends an IMAGE-header template with the record's link as its image, and rejects a non-link", async () => {
    emu.reset();
    const link = "https://cdn.example.com/spring.jpg";
    const result = await write(
      config(),
      [{ name: "pictures", object: pictureObject }],
      [
        record("pictures", { to: recipient(8), header_1: link, body_1: "Ana", body_2: "SAVE10" }),
        record("pictures", { to: recipient(9), header_1: "spring.jpg", body_1: "Bo", body_2: "SAVE10" }),
      ],
    );
    expect(result.code).toBe(0);
    const sends = emu.journal().filter((e) => e.route === "send");
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({ template: "picture_promo:en_US", recipient: recipient(8), status: 200 });
    expect(warnings(result)).toEqual([
      expect.stringMatching(
        /record 2 .*field "header_1" must be the link \(https:\/\/…\) of the template's IMAGE header/,
      ),
    ]);
  });

  it("with a failing token lists the static operations and a WARN LOG saying why, exit 0", async () => {
    const bad = { ...config(), access_token: "EAAG-wrong-token-for-discover" };
    const result = await cli(["discover", "--config", dir.file("bad-token.json", bad)]);
    expect(result.code).toBe(0);
    const [log] = ofType(result, "LOG") as Array<{ log: { level: string; message: string } }>;
    expect(log!.log).toMatchObject({ level: "WARN" });
    expect(log!.log.message).toMatch(/could not be listed \(the access token is invalid or has expired/);
    expect(result.stdout).not.toContain("EAAG-wrong-token-for-discover");
    const [message] = ofType(result, "DESTINATION_CATALOG") as Array<{
      destination_catalog: { operations: Array<{ object_name: string }> };
    }>;
    expect(message!.destination_catalog.operations.some((op) => op.object_name.includes("__"))).toBe(false);
  });
});
