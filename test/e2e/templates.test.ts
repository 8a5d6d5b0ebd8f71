import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import { type CliResult, ofType, ROOT, runCli } from "../support/cli.js";
import { assertNoSecrets } from "../support/no-secrets.js";
import { assertProtocolLines } from "../support/protocol-schema.js";
import { tempDir } from "../support/temp-files.js";

/**
 * Every endpoint template through the built CLI, as Airbyte runs the image: the shipped sample
 * config and demo messages (integration_tests/), two passes like the demo, checked against the
 * emulator's state and request journal rather than against our own output.
 */
const TOKEN = "EAAG-e2e-templates-token-42";
const dir = tempDir();
let emu: RunningEmulator;
let configPath: string;
const catalogPath = join(ROOT, "integration_tests", "configured_catalog.json");

function read(name: string): string {
  return readFileSync(join(ROOT, "integration_tests", name), "utf8");
}

async function write(input: string): Promise<CliResult> {
  const result = await runCli(["write", "--config", configPath, "--catalog", catalogPath], { stdin: input });
  assertProtocolLines(result.lines);
  assertNoSecrets({ stdout: result.stdout, stderr: result.stderr }, [TOKEN]);
  return result;
}

const record = (stream: string, data: Record<string, unknown>) =>
  JSON.stringify({ type: "RECORD", record: { stream, data, emitted_at: 1 } });
const state = (stream: string, cursor: number) =>
  JSON.stringify({
    type: "STATE",
    state: { type: "STREAM", stream: { stream_descriptor: { name: stream }, stream_state: { cursor } } },
  });

function warnings(result: CliResult): string[] {
  return ofType(result, "LOG")
    .map((m) => m.log as { level: string; message: string })
    .filter((l) => l.level === "WARN")
    .map((l) => l.message);
}

function byName(): Map<string, { id: string; status: string; categories: string[] }> {
  return new Map(emu.flows().map((f) => [f.name, f]));
}

beforeAll(async () => {
  emu = await startEmulator({ token: TOKEN });
  const sample = JSON.parse(read("sample_config.json")) as {
    streams: Array<{ endpoint: Record<string, unknown> }>;
  };
  const config = {
    ...sample,
    access_token: TOKEN,
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
});
afterAll(async () => {
  await emu.close();
  dir.cleanup();
});

describe("every template through the built CLI against the emulator", () => {
  let pass1: CliResult;
  let pass2: CliResult;
  let ids: Map<string, string>;

  beforeAll(async () => {
    pass1 = await write(read("messages.jsonl"));
    ids = new Map([...byName()].map(([name, f]) => [name, f.id]));
    const pass2Input =
      read("messages_pass2.jsonl").replace(
        /\$\{flow_id:([A-Za-z0-9_]+)\}/g,
        (_, name: string) => ids.get(name) ?? "0",
      ) +
      [
        record("flow_metadata", { flow_id: ids.get("loyalty_signup_v2"), categories: ["SIGN_UP", "OTHER"] }),
        state("flow_metadata", 1),
        record("flow_status", { flow_id: ids.get("appointment_booking_v1") }),
        state("flow_status", 1),
      ].join("\n") +
      "\n";
    pass2 = await write(pass2Input);
  });

  it("create_flow: creates each valid flow once, rejects invalid Flow JSON locally, publishes on request", () => {
    expect(pass1.code).toBe(0);
    const flows = byName();
    for (const name of [
      "appointment_booking_v1",
      "lead_capture_v1",
      "order_feedback_v1",
      "spring_survey_2026",
      "loyalty_signup_v2",
    ]) {
      expect(flows.has(name), name).toBe(true);
    }
    expect(flows.has("broken_signup_v1")).toBe(false);
    const creates = emu.journal().filter((j) => j.route === "create");
    expect(creates.map((j) => j.name).sort()).toEqual(
      [
        "appointment_booking_v1",
        "holiday_promo_scratch",
        "lead_capture_v1",
        "loyalty_signup_v2",
        "order_feedback_v1",
        "spring_survey_2026",
      ].sort(),
    );
    expect(warnings(pass1).join("\n")).toMatch(
      /Stream "new_flows" record 7 .*was rejected .*MISSING_TERMINAL_SCREEN/,
    );
    const [stateMessage] = ofType(pass1, "STATE");
    expect((stateMessage!.state as { destinationStats: unknown }).destinationStats).toEqual({
      recordCount: 7,
      rejectedRecordCount: 1,
    });
  });

  it("update_flow_json, publish_flow: uploads the valid body, rejects the invalid one, then publishes", () => {
    expect(pass2.code).toBe(0);
    const uploads = emu.journal().filter((j) => j.route === "update_flow_json");
    expect(uploads.map((j) => j.flowId)).toEqual([ids.get("lead_capture_v1")]);
    expect(warnings(pass2).join("\n")).toMatch(/Stream "flow_bodies" record 2 .*was rejected/);
    expect(byName().get("lead_capture_v1")?.status).toBe("PUBLISHED");
  });

  it("deprecate_flow and delete_flow: the flows end deprecated and gone", () => {
    expect(byName().get("spring_survey_2026")?.status).toBe("DEPRECATED");
    expect(byName().has("holiday_promo_scratch")).toBe(false);
  });

  it("update_flow_metadata: a draft's categories change", () => {
    // loyalty_signup_v2 is a draft: the update leaves its status alone.
    expect(byName().get("loyalty_signup_v2")?.categories).toEqual(["SIGN_UP", "OTHER"]);
  });

  it("send_published_flow and send_draft_flow: each recipient once, in the right mode", () => {
    const sends = emu.journal().filter((j) => j.route === "send" && j.status === 200);
    expect(sends.map((j) => j.recipient).sort()).toEqual([
      "447700900123",
      "447700900456",
      "447700900789",
      "447700900999",
    ]);
    expect(new Set(sends.map((j) => j.wamid)).size).toBe(4);
  });

  it("advanced: the GET from the sample config reaches the flow", () => {
    const reads = emu
      .journal()
      .filter((j) => j.method === "GET" && j.path.endsWith(`/${ids.get("appointment_booking_v1")}`));
    expect(reads.length).toBeGreaterThanOrEqual(1);
  });

  it("echoes every stream's state with exact counts", () => {
    const counts = Object.fromEntries(
      ofType(pass2, "STATE").map((m) => {
        const s = m.state as {
          stream: { stream_descriptor: { name: string } };
          destinationStats: Record<string, number>;
        };
        return [s.stream.stream_descriptor.name, s.destinationStats];
      }),
    );
    expect(counts).toEqual({
      flow_bodies: { recordCount: 2, rejectedRecordCount: 1 },
      go_live: { recordCount: 1 },
      retired: { recordCount: 1 },
      cleanup: { recordCount: 1 },
      invites: { recordCount: 3 },
      drafts: { recordCount: 1 },
      flow_metadata: { recordCount: 1 },
      flow_status: { recordCount: 1 },
    });
  });
});
