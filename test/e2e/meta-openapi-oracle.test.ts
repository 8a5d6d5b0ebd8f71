import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RequestLogEntry, type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import { type CliResult, ofType, ROOT, runCli } from "../support/cli.js";
import { MINIMAL_FLOW_JSON } from "../support/flow-json.js";
import { META_OPENAPI_PATH, metaOpenApi, ROUTE_OPERATIONS, type Violation } from "../support/meta-openapi.js";
import { excusedBy, META_OPENAPI_EXCEPTIONS } from "../support/meta-openapi-exceptions.js";
import { assertNoSecrets } from "../support/no-secrets.js";
import { assertProtocolLines, IN_CI } from "../support/protocol-schema.js";
import { tempDir } from "../support/temp-files.js";

/**
 * Meta's OpenAPI file as the oracle of the Graph traffic: every request the built CLI makes in
 * check, discover and syncs through all eleven operations and `advanced` (the shipped sample
 * config, the demo's two passes, the data-activation campaign and a Marketing Messages API send),
 * and every answer the emulator gives, is checked against the operation the file describes for
 * it. Where the file itself is wrong, the exception is in meta-openapi-exceptions.ts with the file's own evidence.
 */
const dir = tempDir();
const integration = (name: string) => readFileSync(join(ROOT, "integration_tests", name), "utf8");
const sample = JSON.parse(integration("sample_config.json")) as Record<string, unknown> & {
  access_token: string;
  streams: Array<{ endpoint: Record<string, unknown> }>;
};
const TOKEN = sample.access_token;
const oracle = metaOpenApi();
let emu: RunningEmulator;
let configPath: string;
let entries: RequestLogEntry[] = [];
let uncaptured = -1;

const record = (stream: string, data: Record<string, unknown>) =>
  JSON.stringify({ type: "RECORD", record: { stream, data, emitted_at: 1 } });
const state = (stream: string, cursor: number) =>
  JSON.stringify({
    type: "STATE",
    state: { type: "STREAM", stream: { stream_descriptor: { name: stream }, stream_state: { cursor } } },
  });

async function cli(args: string[], stdin?: string): Promise<CliResult> {
  const result = await runCli(args, { ...(stdin === undefined ? {} : { stdin }), timeoutMs: 100_000 });
  assertProtocolLines(result.lines);
  assertNoSecrets({ stdout: result.stdout, stderr: result.stderr }, [TOKEN]);
  return result;
}

async function write(catalog: string, input: string): Promise<CliResult> {
  const result = await cli(
    ["write", "--config", configPath, "--catalog", join(ROOT, "integration_tests", catalog)],
    input,
  );
  expect(result.code, result.stderr).toBe(0);
  expect(ofType(result, "TRACE")).toEqual([]);
  return result;
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, token: TOKEN });
  // Exchanges through the control API, as any other client of the emulator would turn them on.
  const on = await fetch(`${emu.url}/__emulator/journal`, {
    method: "POST",
    body: JSON.stringify({ exchanges: true }),
  });
  expect(on.status).toBe(200);
  const config = {
    ...sample,
    base_url: emu.url,
    streams: sample.streams.map((s) =>
      s.endpoint.template === "advanced"
        ? {
            ...s,
            endpoint: {
              ...s.endpoint,
              url: String(s.endpoint.url).replace("http://127.0.0.1:8787", emu.url),
            },
          }
        : s,
    ),
  };
  configPath = dir.file("config.json", config);

  expect((await cli(["check", "--config", configPath])).code).toBe(0);
  await write("configured_catalog.json", integration("messages.jsonl"));
  const ids = new Map(emu.flows().map((f) => [f.name, f.id]));
  await write(
    "configured_catalog.json",
    integration("messages_pass2.jsonl").replace(
      /\$\{flow_id:([A-Za-z0-9_]+)\}/g,
      (_, name: string) => ids.get(name) ?? "0",
    ) +
      [
        // A Flow that does not exist: the emulator's error answer is checked too.
        record("go_live", { flow_id: "1" }),
        state("go_live", 2),
        record("flow_metadata", { flow_id: ids.get("loyalty_signup_v2"), categories: ["SIGN_UP", "OTHER"] }),
        state("flow_metadata", 1),
        record("flow_status", { flow_id: ids.get("appointment_booking_v1") }),
        state("flow_status", 1),
      ].join("\n") +
      "\n",
  );
  // The data-activation campaign: deploy_flow, create_flow_template, Meta's review, discover, send_flow_template.
  await write("configured_catalog_activation.json", integration("messages_activation_1_flows.jsonl"));
  await write("configured_catalog_activation.json", integration("messages_activation_2_templates.jsonl"));
  // create_flow_template's other shapes: named placeholders, inline Flow JSON, a media header.
  const template = (name: string, data: Record<string, unknown>) =>
    record("flow_templates", {
      name,
      category: "MARKETING",
      body: "Spring is here",
      button_text: "Open",
      ...data,
    });
  await write(
    "configured_catalog_activation.json",
    `${[
      template("named_spring", {
        header: "Hi {{first_name}}",
        header_example: "Ana",
        body: "{{first_name}}, your code is {{code}}",
        body_examples: { first_name: "Ana", code: "SPRING10" },
        flow_name: "spring_signup",
      }),
      template("inline_spring", { flow_json: MINIMAL_FLOW_JSON, navigate_screen: "WELCOME" }),
      template("image_spring", {
        header_format: "IMAGE",
        header_example: "https://cdn.example.com/spring.jpg",
        flow_name: "spring_signup",
      }),
      state("flow_templates", 2),
    ].join("\n")}\n`,
  );
  const created = emu.templates().find((t) => t.name === "spring_promo");
  await fetch(`${emu.url}/__emulator/templates/${created?.id}`, {
    method: "POST",
    body: JSON.stringify({ status: "APPROVED" }),
  });
  expect((await cli(["discover", "--config", configPath])).code).toBe(0);
  await write("configured_catalog_activation.json", integration("messages_activation_3_audience.jsonl"));
  // The Marketing Messages API: the MARKETING template through /marketing_messages.
  const marketing = await cli(
    [
      "write",
      "--config",
      dir.file("marketing-config.json", {
        ...config,
        streams: [
          {
            stream_name: "promos",
            endpoint: { template: "send_flow_template", marketing_messages_api: "auto" },
          },
        ],
      }),
      "--catalog",
      dir.file("marketing-catalog.json", {
        streams: [
          {
            stream: { name: "promos", json_schema: {}, supported_sync_modes: ["full_refresh"] },
            sync_mode: "full_refresh",
            destination_sync_mode: "append",
          },
        ],
      }),
    ],
    `${record("promos", { to: "447700900199", template_name: "spring_promo", body_parameters: ["Ana", "SPRING-1"] })}\n`,
  );
  expect(marketing.code, marketing.stderr).toBe(0);

  const journal = (await (await fetch(`${emu.url}/__emulator/journal`)).json()) as {
    entries: RequestLogEntry[];
    uncaptured: number;
  };
  entries = journal.entries;
  uncaptured = journal.uncaptured;
}, 120_000);

afterAll(async () => {
  await emu?.close();
  dir.cleanup();
});

describe(`Meta's OpenAPI file as the oracle of every Graph request and answer (${META_OPENAPI_PATH})`, () => {
  it("journals every exchange of the syncs, and the syncs reach every emulator route", () => {
    expect(uncaptured).toBe(0);
    expect(entries.every((e) => e.exchange !== undefined)).toBe(true);
    const routes = new Set(entries.map((e) => e.route));
    // Every route the connector uses; list_assets and phone_numbers only when the file names them.
    for (const route of [
      "waba",
      "phone_number",
      "list_flows",
      "create",
      "get_flow",
      "update_metadata",
      "delete",
      "update_flow_json",
      "publish",
      "deprecate",
      "send",
      "list_templates",
      "create_template",
      "marketing_send",
    ]) {
      expect(routes, route).toContain(route);
    }
    const created = entries.filter((e) => e.route === "create_template" && e.status === 200);
    expect(created.map((e) => e.template)).toEqual(
      expect.arrayContaining(["named_spring:en_US", "inline_spring:en_US", "image_spring:en_US"]),
    );
    expect([...routes].filter((r) => !(r in ROUTE_OPERATIONS))).toEqual([]);
    // Error answers are checked too: at least one is in the run.
    expect(entries.some((e) => e.status >= 400)).toBe(true);
  });

  it("without the file, fails in CI and falls back (null) only outside it", () => {
    const missing = join(dir.path, "business-messaging-api_v23.0.yaml");
    expect(() => metaOpenApi(missing, true)).toThrow(`[meta-openapi] ${missing} not found. CI (CI=true)`);
    expect(metaOpenApi(missing, false)).toBeNull();
  });

  if (oracle === null) {
    it(`checks nothing against the file outside CI alone: no file at ${META_OPENAPI_PATH}`, () => {
      expect(IN_CI).toBe(false);
    });
    return;
  }

  it("names, for each emulator route, an operation the file describes", () => {
    for (const [route, operation] of Object.entries(ROUTE_OPERATIONS)) {
      expect(oracle.describes(operation), `${route}: ${operation}`).toBe(true);
    }
  });

  it("holds, for each listed error of the file, the evidence the list quotes from it", () => {
    for (const exception of META_OPENAPI_EXCEPTIONS) {
      if (!("path" in exception.evidence)) continue;
      const held = exception.evidence.path.reduce<unknown>(
        (value, key) =>
          value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined,
        oracle.document,
      );
      if (typeof exception.evidence.holds === "object")
        expect(held, exception.id).toMatchObject(exception.evidence.holds as object);
      else expect(held, exception.id).toBe(exception.evidence.holds);
    }
  });

  it("finds every request and answer as the file describes it, but for the listed errors of the file", () => {
    const violations: Violation[] = entries.flatMap((e) => oracle.check(e));
    const left = violations.filter((v) => excusedBy(v) === undefined);
    expect(
      left.map(
        (v) =>
          `#${v.seq} ${v.operation} ${v.part}${v.instancePath} ${v.keyword}: ${v.message} [${v.schemaPath}]`,
      ),
    ).toEqual([]);
    // An exception nothing needs any more is removed, so the list cannot outlive the file's errors.
    const used = new Set(violations.map((v) => excusedBy(v)));
    expect(META_OPENAPI_EXCEPTIONS.filter((x) => !used.has(x)).map((x) => x.id)).toEqual([]);
  });
});

/** The oracle itself must be able to fail, or every "checked" exchange proves nothing. */
describe("the OpenAPI oracle on exchanges it must refuse", () => {
  if (oracle === null) return;
  let seq = 0;
  const entry = (
    route: RequestLogEntry["route"],
    method: string,
    path: string,
    exchange: Partial<NonNullable<RequestLogEntry["exchange"]>>,
    status = 200,
  ): RequestLogEntry => ({
    seq: ++seq,
    time: 0,
    method,
    path,
    route,
    status,
    exchange: {
      query: {},
      credential: "bearer",
      contentType: undefined,
      userAgent: "destination-whatsapp-flows/0.1.0",
      body: undefined,
      bodyKind: "none",
      files: {},
      response: { success: true },
      ...exchange,
    },
  });
  const unexcused = (e: RequestLogEntry) =>
    oracle
      .check(e)
      .filter((v) => excusedBy(v) === undefined)
      .map((v) => `${v.part}${v.instancePath} ${v.keyword}`);
  const send = (body: Record<string, unknown>) =>
    entry("send", "POST", "/v23.0/106540352242922/messages", {
      contentType: "application/json",
      bodyKind: "json",
      body,
      response: {
        messaging_product: "whatsapp",
        contacts: [{ input: "1", wa_id: "1" }],
        messages: [{ id: "wamid.x" }],
      },
    });
  const interactive = {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    to: "15550001111",
    type: "interactive",
    interactive: {
      type: "flow",
      body: { text: "Hi" },
      action: { name: "flow", parameters: { flow_message_version: "3", flow_id: "1", flow_cta: "Open" } },
    },
  };

  it("accepts what the file describes, with its listed errors excused and nothing more", () => {
    expect(unexcused(send(interactive))).toEqual([]);
    // The exception for `to` excuses exactly the properties it names.
    expect(unexcused(send({ ...interactive, campaign: "x" }))).toEqual([
      "request.body/campaign additionalProperties",
    ]);
  });

  it("refuses a request body, a form field, a path parameter and a credential the file does not allow", () => {
    expect(
      unexcused(send({ ...interactive, interactive: { ...interactive.interactive, type: "carousel" } })),
    ).not.toEqual([]);
    const form = entry("create", "POST", "/v23.0/102290129340398/flows", {
      contentType: "multipart/form-data; boundary=x",
      bodyKind: "multipart",
      body: { nmae: "typo", categories: '["OTHER"]' },
      response: { id: "1" },
    });
    expect(unexcused(form)).toEqual(["request.body/nmae undeclared"]);
    expect(
      unexcused(entry("phone_numbers", "GET", "/v23.0/not-a-waba/phone_numbers", { response: { data: [] } })),
    ).toEqual(["request.path/WABA-ID pattern"]);
    expect(unexcused(entry("publish", "POST", "/v23.0/1/publish", { credential: "none" }))).toEqual([
      "request.header/Authorization required",
    ]);
  });

  it("refuses an answer the file does not describe, and a route it does not know", () => {
    expect(unexcused(entry("publish", "POST", "/v23.0/1/publish", { response: { success: "yes" } }))).toEqual(
      ["response/success type"],
    );
    expect(
      unexcused(entry("publish", "POST", "/v23.0/1/publish", { response: { error: { message: "m" } } }, 400)),
    ).toEqual(["response/error/type required", "response/error/code required"]);
    expect(unexcused(entry("publish", "POST", "/v23.0/1/publish", {}, 201))).toEqual(["response status"]);
    expect(unexcused(entry("unknown", "POST", "/v23.0/1/nowhere", {}))).toEqual(["route undescribed"]);
  });
});
