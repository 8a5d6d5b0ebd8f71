import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import { type CliResult, ofType, ROOT, runCli } from "../support/cli.js";
import { assertNoSecrets } from "../support/no-secrets.js";
import { assertProtocolLines } from "../support/protocol-schema.js";
import { tempDir } from "../support/temp-files.js";

/**
 * integration_tests/ holds what the acceptance tests and the demo feed the connector. These checks
 * keep the files true to the config contract (read from the build output, as the image runs it)
 * and to each other: every catalog stream is mapped, every demo record belongs to a catalog
 * stream, and the second demo pass names only flows the first pass creates. The data-activation
 * campaign (configured_catalog_activation.json and its three message files) maps each stream onto
 * an object discover offers and runs, as the demo runs it, against the emulator.
 */
interface ConfigModule {
  parseConfig(raw: unknown, source?: string): unknown;
  parseCatalog(raw: unknown, source?: string): unknown;
  resolveStreams(config: unknown, catalog: unknown): Map<string, unknown>;
}
interface FlowJsonModule {
  validateFlowJson(input: string | object): { valid: boolean; errors: readonly unknown[] };
}
interface Message {
  type: string;
  record?: { stream: string; data: Record<string, unknown> };
  state?: { type: string; stream?: { stream_descriptor: { name: string } } };
}

const dir = join(ROOT, "integration_tests");
const json = (name: string): unknown => JSON.parse(readFileSync(join(dir, name), "utf8"));
const load = async <T>(path: string): Promise<T> => (await import(join(ROOT, "dist", path))) as T;
const catalog = json("configured_catalog.json") as { streams: Array<{ stream: { name: string } }> };
const catalogStreams = new Set(catalog.streams.map((s) => s.stream.name));

function messages(name: string): Message[] {
  const lines = readFileSync(join(dir, name), "utf8").trimEnd().split("\n");
  assertProtocolLines(lines);
  return lines.map((line) => JSON.parse(line) as Message);
}
const pass1 = messages("messages.jsonl");
const pass2 = messages("messages_pass2.jsonl");
const records = (list: Message[], stream: string) =>
  list.filter((m) => m.record?.stream === stream).map((m) => m.record!.data);
const PLACEHOLDER = /^\$\{flow_id:([a-z0-9_]+)\}$/;

describe("sample and invalid configs", () => {
  it("sample_config.json is valid and maps every configured catalog stream", async () => {
    const config = {
      ...(await load<ConfigModule>("config/index.js")),
      ...(await load<ConfigModule>("operations/index.js")),
    };
    const parsed = config.parseConfig(json("sample_config.json"));
    const resolved = config.resolveStreams(parsed, config.parseCatalog(catalog));
    expect(resolved.size).toBe(catalog.streams.length);
  });

  it("sample_config.json targets the emulator with a dummy token", () => {
    const sample = json("sample_config.json") as Record<string, unknown>;
    expect(sample.base_url).toBe("http://127.0.0.1:8787");
    expect(String(sample.access_token)).toContain("not-real");
  });

  it("invalid_config.json is refused naming the broken field", async () => {
    const config = {
      ...(await load<ConfigModule>("config/index.js")),
      ...(await load<ConfigModule>("operations/index.js")),
    };
    expect(() => config.parseConfig(json("invalid_config.json"))).toThrow(/waba_id/);
  });

  it("the catalog is append-only and gives every stream a JSON schema", () => {
    for (const entry of catalog.streams as Array<
      Record<string, unknown> & { stream: Record<string, unknown> }
    >) {
      expect(entry.destination_sync_mode).toBe("append");
      expect(entry.stream.json_schema).toMatchObject({ type: "object" });
    }
  });
});

describe("demo messages", () => {
  it("hold only RECORD and STREAM STATE lines for catalog streams, each stream ending with a STATE", () => {
    for (const list of [pass1, pass2]) {
      const lastType = new Map<string, string>();
      for (const message of list) {
        expect(["RECORD", "STATE"]).toContain(message.type);
        const stream =
          message.type === "RECORD" ? message.record!.stream : message.state!.stream!.stream_descriptor.name;
        if (message.type === "STATE") expect(message.state!.type).toBe("STREAM");
        expect(catalogStreams.has(stream), stream).toBe(true);
        lastType.set(stream, message.type);
      }
      for (const [stream, type] of lastType) expect(type, stream).toBe("STATE");
    }
  });

  it("pass 1 needs no flow ids; pass 2 names only flows pass 1 creates", () => {
    expect(JSON.stringify(pass1)).not.toContain("${flow_id:");
    const created = new Set(records(pass1, "new_flows").map((r) => r.name));
    let placeholders = 0;
    for (const message of pass2) {
      const data = message.record?.data ?? {};
      for (const [field, value] of Object.entries(data)) {
        const match = typeof value === "string" ? PLACEHOLDER.exec(value) : null;
        if (!match) continue;
        placeholders += 1;
        expect(field).toBe("flow_id");
        expect(created.has(match[1]), match[1]).toBe(true);
      }
    }
    expect(placeholders).toBeGreaterThan(0);
    for (const send of [...records(pass2, "invites"), ...records(pass2, "drafts")]) {
      expect(created.has(send.flow_name), String(send.flow_name)).toBe(true);
      expect(String(send.flow_cta).length).toBeLessThanOrEqual(30);
    }
  });

  it("every Flow JSON meant to be valid passes local validation; the broken ones have no terminal screen", async () => {
    const { validateFlowJson } = await load<FlowJsonModule>("flow-json/index.js");
    const bodies = [...records(pass1, "new_flows"), ...records(pass2, "flow_bodies")]
      .filter((r) => r.flow_json !== undefined)
      .map((r) => (typeof r.flow_json === "string" ? JSON.parse(r.flow_json) : r.flow_json) as FlowJson);
    const broken = bodies.filter((b) => !b.screens.some((s) => s.terminal === true));
    expect(broken).toHaveLength(2);
    for (const body of bodies.filter((b) => !broken.includes(b))) {
      expect(validateFlowJson(body).errors).toEqual([]);
      for (const screen of body.screens.filter((s) => s.terminal === true)) {
        expect(JSON.stringify(screen.layout)).toContain('"name":"complete"');
      }
    }
  });
});

interface FlowJson {
  version: string;
  screens: Array<{ id: string; terminal?: boolean; layout: unknown }>;
}

/** The data-activation campaign, pass by pass: each file holds one stream's records. */
const ACTIVATION_PASSES = [
  "messages_activation_1_flows.jsonl",
  "messages_activation_2_templates.jsonl",
  "messages_activation_3_audience.jsonl",
] as const;
interface ActivationStream {
  stream: { name: string };
  destination_sync_mode: string;
  destination_object_name: string;
  primary_key?: string[][];
}
const activation = json("configured_catalog_activation.json") as { streams: ActivationStream[] };
const staticObjects = (
  JSON.parse(readFileSync(join(ROOT, "spec", "catalog.json"), "utf8")) as {
    operations: Array<{ object_name: string; sync_mode: string; matching_keys?: string[][] }>;
  }
).operations;
const passes = ACTIVATION_PASSES.map((name) => ({ name, messages: messages(name) }));
const createdTemplates = records(passes[1]!.messages, "flow_templates");
const audience = records(passes[2]!.messages, "campaign_audience");

describe("the data-activation catalog", () => {
  it("maps every stream onto an object discover offers, under its sync mode and matching key", () => {
    for (const entry of activation.streams) {
      const name = entry.destination_object_name;
      const template = /^send_flow_template__(.+)__(.+)$/.exec(name);
      if (template) {
        // A live template object: the template the campaign creates, sent with append.
        expect(createdTemplates.map((t) => `${t.name}/${t.language}`)).toContain(
          `${template[1]}/${template[2]}`,
        );
        expect(entry.destination_sync_mode).toBe("append");
        expect(entry.primary_key ?? []).toEqual([]);
        continue;
      }
      const object = staticObjects.find(
        (o) => o.object_name === name && o.sync_mode === entry.destination_sync_mode,
      );
      expect(object, `${name}/${entry.destination_sync_mode}`).toBeDefined();
      // A matching key is a list of field names; the primary key, a list of field paths.
      if (object!.matching_keys) {
        expect(object!.matching_keys).toContainEqual((entry.primary_key ?? []).map((path) => path.join(".")));
      } else expect(entry.primary_key ?? []).toEqual([]);
    }
    expect(activation.streams.some((s) => (s.primary_key ?? []).length > 0)).toBe(true);
  });

  it("runs with sample_config.json, whose streams[] maps none of its streams", async () => {
    const config = {
      ...(await load<ConfigModule>("config/index.js")),
      ...(await load<ConfigModule>("operations/index.js")),
    };
    const resolved = config.resolveStreams(
      config.parseConfig(json("sample_config.json")),
      config.parseCatalog(activation),
    ) as Map<string, { objectName?: string }>;
    expect([...resolved.values()].map((r) => r.objectName)).toEqual(
      activation.streams.map((s) => s.destination_object_name),
    );
  });

  it("has one file per pass, each holding one catalog stream's records and ending with its STATE", () => {
    const catalogNames = activation.streams.map((s) => s.stream.name);
    passes.forEach(({ name, messages: list }, index) => {
      const streams = new Set(
        list.map((m) => (m.type === "RECORD" ? m.record!.stream : m.state!.stream!.stream_descriptor.name)),
      );
      expect([...streams], name).toEqual([catalogNames[index]]);
      expect(list.at(-1)!.type, name).toBe("STATE");
    });
  });
});

describe("the data-activation campaign against the emulator", () => {
  const sample = readFileSync(join(dir, "sample_config.json"), "utf8");
  const token = (JSON.parse(sample) as { access_token: string }).access_token;
  const files = tempDir();
  let emu: RunningEmulator;
  let configPath: string;
  const catalogPath = join(dir, "configured_catalog_activation.json");

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, token });
    configPath = files.file("config.json", JSON.parse(sample.replaceAll("http://127.0.0.1:8787", emu.url)));
  });
  afterAll(async () => {
    await emu.close();
    files.cleanup();
  });

  async function cli(args: string[], stdin?: string): Promise<CliResult> {
    const result = await runCli(args, { ...(stdin === undefined ? {} : { stdin }), timeoutMs: 100_000 });
    assertProtocolLines(result.lines);
    assertNoSecrets({ stdout: result.stdout, stderr: result.stderr }, [token]);
    return result;
  }
  async function pass(index: number): Promise<CliResult> {
    const input = readFileSync(join(dir, ACTIVATION_PASSES[index]!), "utf8");
    const result = await cli(["write", "--config", configPath, "--catalog", catalogPath], input);
    expect(result.code, result.stdout).toBe(0);
    expect(ofType(result, "TRACE")).toEqual([]);
    return result;
  }
  const echoed = (result: CliResult) =>
    (ofType(result, "STATE") as Array<{ state: { destinationStats: { recordCount: number } } }>).map(
      (m) => m.state.destinationStats.recordCount,
    );
  const journal = (since: number) => emu.journal().filter((entry) => entry.seq > since);

  it("deploys the Flow, creates the template, and once approved sends it to every row through its object", async () => {
    let seq = 0;
    const flows = await pass(0);
    expect(echoed(flows)).toEqual([1]);
    expect(emu.flows().find((f) => f.name === "spring_signup")?.status).toBe("PUBLISHED");
    expect(
      journal(seq)
        .filter((e) => e.route === "create" || e.route === "publish")
        .map((e) => e.status),
    ).toEqual([200, 200]);
    seq = emu.journal().at(-1)!.seq;

    const templates = await pass(1);
    expect(echoed(templates)).toEqual([1]);
    expect(
      journal(seq)
        .filter((e) => e.route === "create_template")
        .map((e) => [e.status, e.template]),
    ).toEqual([[200, "spring_promo:en_US"]]);
    const created = emu.templates().find((t) => t.name === "spring_promo");
    expect(created?.status).toBe("PENDING");

    // Meta's review, through the emulator's control API.
    const review = await fetch(`${emu.url}/__emulator/templates/${created!.id}`, {
      method: "POST",
      body: JSON.stringify({ status: "APPROVED" }),
    });
    expect(review.status).toBe(200);

    // discover now offers the object the catalog maps the audience onto.
    const discover = await cli(["discover", "--config", configPath]);
    const [catalogMessage] = ofType(discover, "DESTINATION_CATALOG") as Array<{
      destination_catalog: {
        operations: Array<{ object_name: string; json_schema: { required?: string[] } }>;
      };
    }>;
    const object = catalogMessage!.destination_catalog.operations.find(
      (o) => o.object_name === "send_flow_template__spring_promo__en_US",
    );
    expect(object?.json_schema.required).toEqual(expect.arrayContaining(["to", "body_1", "body_2"]));
    seq = emu.journal().at(-1)!.seq;

    const sends = await pass(2);
    expect(echoed(sends)).toEqual([audience.length]);
    const sent = journal(seq).filter((e) => e.route === "send");
    expect(sent.map((e) => [e.status, e.template])).toEqual(audience.map(() => [200, "spring_promo:en_US"]));
    expect(sent.map((e) => e.recipient).sort()).toEqual(audience.map((r) => String(r.to)).sort());
    expect(new Set(sent.map((e) => e.wamid)).size).toBe(audience.length);
  });
});
