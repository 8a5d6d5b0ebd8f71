import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/cli.js";
import { assertProtocolLines } from "../support/protocol-schema.js";

/**
 * integration_tests/ holds what the acceptance tests and the demo feed the connector. These checks
 * keep the files true to the config contract (read from the build output, as the image runs it)
 * and to each other: every catalog stream is mapped, every demo record belongs to a catalog
 * stream, and the second demo pass names only flows the first pass creates.
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
