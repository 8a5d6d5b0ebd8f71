import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { type CliResult, ofType, runCli } from "../support/cli.js";
import { MINIMAL_FLOW_JSON } from "../support/flow-json.js";
import { assertNoSecrets } from "../support/no-secrets.js";
import { assertProtocolLines } from "../support/protocol-schema.js";
import { tempDir } from "../support/temp-files.js";
import { emulator, PUBLISHED_FLOW, states, TOKEN, trace } from "./write-support.js";

/**
 * Data activation through the built CLI: `discover` answers one DESTINATION_CATALOG, and `write`
 * runs each stream as the operation its catalog entry names (destination_object_name and
 * destination_sync_mode), with no streams[] in the config, against the emulator.
 */
const DRAFT = "900000000000101";
const TO_PUBLISH = "900000000000102";
const TO_DELETE = "900000000000103";
const TO_DEPRECATE = "900000000000104";
const dir = tempDir();
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await emulator({
    flows: [
      { id: PUBLISHED_FLOW, name: "welcome", status: "PUBLISHED" },
      { id: DRAFT, name: "draft", status: "DRAFT" },
      { id: TO_PUBLISH, name: "to_publish", status: "DRAFT", flowJson: MINIMAL_FLOW_JSON },
      { id: TO_DELETE, name: "to_delete", status: "DRAFT" },
      { id: TO_DEPRECATE, name: "to_deprecate", status: "PUBLISHED" },
    ],
  });
});
afterAll(async () => {
  await emu.close();
  dir.cleanup();
});

const activationConfig = (): Record<string, unknown> => ({
  access_token: TOKEN,
  waba_id: emu.wabaId,
  phone_number_id: emu.phoneNumberIds[0],
  base_url: emu.url,
  throughput: { messages_per_second: "0", max_concurrency: 4, request_timeout_seconds: 5 },
});

interface Mapped {
  readonly stream: string;
  readonly object: string;
  readonly mode: string;
  readonly primaryKey?: string[][];
}

function activationCatalog(mapped: readonly Mapped[]): Record<string, unknown> {
  return {
    streams: mapped.map((m) => ({
      stream: { name: m.stream, json_schema: {}, supported_sync_modes: ["full_refresh"] },
      sync_mode: "full_refresh",
      destination_sync_mode: m.mode,
      destination_object_name: m.object,
      ...(m.primaryKey ? { primary_key: m.primaryKey } : {}),
      sync_id: 7,
      generation_id: 3,
      minimum_generation_id: 0,
    })),
  };
}

const record = (stream: string, data: Record<string, unknown>) =>
  JSON.stringify({ type: "RECORD", record: { stream, data, emitted_at: 1 } });
const stateOf = (stream: string, cursor: number) =>
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

async function activationWrite(
  mapped: readonly Mapped[],
  input: string[],
  config = activationConfig(),
): Promise<CliResult> {
  return cli(
    [
      "write",
      "--config",
      dir.file(`config-${Math.random()}.json`, config),
      "--catalog",
      dir.file(`catalog-${Math.random()}.json`, activationCatalog(mapped)),
    ],
    `${input.join("\n")}\n`,
  );
}

describe("discover", () => {
  it("without network prints the static DESTINATION_CATALOG and a WARN LOG saying why, exit 0", async () => {
    // base_url points nowhere: the templates cannot be listed, the static operations still are
    const config = { ...activationConfig(), base_url: "http://127.0.0.1:9" };
    const result = await cli(["discover", "--config", dir.file("discover.json", config)]);
    expect(result.code).toBe(0);
    expect(result.lines).toHaveLength(2);
    const [log] = ofType(result, "LOG") as Array<{ log: { level: string; message: string } }>;
    expect(log!.log.level).toBe("WARN");
    expect(log!.log.message).toMatch(
      /message templates of WABA \d+ could not be listed \(.+\): only the static operations/,
    );
    const [message] = ofType(result, "DESTINATION_CATALOG") as Array<{
      destination_catalog: { operations: Array<{ object_name: string; sync_mode: string }> };
    }>;
    expect(message!.destination_catalog.operations.map((op) => `${op.object_name}/${op.sync_mode}`)).toEqual([
      "create_flow/append",
      "update_flow_json/update",
      "update_flow_metadata/update",
      "publish_flow/update",
      "deprecate_flow/update",
      "delete_flow/soft_delete",
      "deploy_flow/update",
      "send_published_flow/append",
      "send_draft_flow/append",
      "send_flow_template/append",
      "create_flow_template/append",
    ]);
  });

  it("answers a config that fails validation with a TRACE config_error naming the field, exit 1", async () => {
    const result = await cli([
      "discover",
      "--config",
      dir.file("bad.json", { access_token: TOKEN, waba_id: "x" }),
    ]);
    expect(result.code).toBe(1);
    expect(result.lines).toHaveLength(1);
    expect(trace(result).failure_type).toBe("config_error");
    expect(trace(result).message).toMatch(/waba_id: must be the numeric WhatsApp Business Account ID/);
  });
});

describe("check with a data activation config", () => {
  it("needs no streams[]: SUCCEEDED against the emulator", async () => {
    const result = await cli(["check", "--config", dir.file("check.json", activationConfig())]);
    expect(result.code).toBe(0);
    const statuses = ofType(result, "CONNECTION_STATUS") as Array<{ connectionStatus: { status: string } }>;
    expect(statuses.map((message) => message.connectionStatus.status)).toEqual(["SUCCEEDED"]);
  });
});

describe("write with an activation catalog (no streams[] in the config)", () => {
  it("runs every static operation as its catalog entry names it", async () => {
    emu.reset();
    const mapped: Mapped[] = [
      { stream: "new_flows", object: "create_flow", mode: "append" },
      { stream: "bodies", object: "update_flow_json", mode: "update", primaryKey: [["flow_id"]] },
      { stream: "meta", object: "update_flow_metadata", mode: "update", primaryKey: [["flow_id"]] },
      { stream: "go_live", object: "publish_flow", mode: "update", primaryKey: [["flow_id"]] },
      { stream: "retire", object: "deprecate_flow", mode: "update", primaryKey: [["flow_id"]] },
      { stream: "cleanup", object: "delete_flow", mode: "soft_delete", primaryKey: [["flow_id"]] },
      { stream: "invites", object: "send_published_flow", mode: "append" },
      { stream: "previews", object: "send_draft_flow", mode: "append" },
    ];
    const result = await activationWrite(mapped, [
      record("new_flows", { name: "activation_flow", categories: ["OTHER"] }),
      record("bodies", { flow_id: DRAFT, flow_json: MINIMAL_FLOW_JSON }),
      record("meta", { flow_id: DRAFT, name: "renamed_draft" }),
      record("go_live", { flow_id: TO_PUBLISH }),
      record("retire", { flow_id: TO_DEPRECATE }),
      record("cleanup", { flow_id: TO_DELETE }),
      record("invites", { to: "15550001111", flow_id: PUBLISHED_FLOW, flow_cta: "Open", body: "Hi" }),
      record("previews", { to: "15550002222", flow_id: DRAFT, flow_cta: "Try", body: "Preview" }),
      ...mapped.map((m, i) => stateOf(m.stream, i)),
    ]);
    expect(ofType(result, "TRACE")).toEqual([]);
    expect(ofType(result, "LOG").filter((m) => JSON.stringify(m).includes("was rejected"))).toEqual([]);
    expect(result.code).toBe(0);
    expect(states(result)).toHaveLength(mapped.length);
    for (const s of states(result)) expect(s.state.destinationStats).toEqual({ recordCount: 1 });
    const flows = new Map(emu.flows().map((flow) => [flow.id, flow]));
    expect([...flows.values()].some((flow) => flow.name === "activation_flow")).toBe(true);
    expect(flows.get(DRAFT)).toMatchObject({ name: "renamed_draft", json_version: "7.2" });
    expect(flows.get(TO_PUBLISH)?.status).toBe("PUBLISHED");
    expect(flows.get(TO_DEPRECATE)?.status).toBe("DEPRECATED");
    expect(flows.has(TO_DELETE)).toBe(false);
    const sends = emu.journal().filter((entry) => entry.route === "send");
    expect(sends.map((entry) => entry.recipient).sort()).toEqual(["15550001111", "15550002222"]);
  });

  it("runs deploy_flow by its matching key (name): creates and publishes, and a re-run writes nothing", async () => {
    emu.reset();
    const mapped: Mapped[] = [
      { stream: "flows", object: "deploy_flow", mode: "update", primaryKey: [["name"]] },
    ];
    const input = [
      record("flows", {
        name: "activation_deploy",
        categories: ["OTHER"],
        flow_json: MINIMAL_FLOW_JSON,
        publish: true,
      }),
      stateOf("flows", 1),
    ];
    const first = await activationWrite(mapped, input);
    expect(ofType(first, "TRACE")).toEqual([]);
    expect(first.code).toBe(0);
    expect(states(first)[0]!.state.destinationStats).toEqual({ recordCount: 1 });
    expect(first.stdout).toMatch(
      /deploy_flow \\"activation_deploy\\" \(id \d+\): created, Flow JSON uploaded/,
    );
    expect(emu.flows().find((flow) => flow.name === "activation_deploy")?.status).toBe("PUBLISHED");
    const since = emu.journal().at(-1)?.seq ?? 0;
    const again = await activationWrite(mapped, input);
    expect(again.code).toBe(0);
    expect(states(again)[0]!.state.destinationStats).toEqual({ recordCount: 1 });
    const calls = emu.journal().filter((entry) => entry.seq > since && entry.route !== "control");
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((entry) => entry.method !== "GET")).toEqual([]);
  });

  it("rejects a record its operation's schema refuses before any call, and counts it", async () => {
    emu.reset();
    const result = await activationWrite(
      [{ stream: "go_live", object: "publish_flow", mode: "update", primaryKey: [["flow_id"]] }],
      [record("go_live", { flow_id: "not-digits" }), record("go_live", {}), stateOf("go_live", 1)],
    );
    expect(result.code).toBe(0);
    expect(states(result)[0]!.state.destinationStats).toEqual({ recordCount: 2, rejectedRecordCount: 2 });
    expect(result.stdout).toMatch(
      /Stream \\"go_live\\" record 1 \(input line 1, flow_id=not-digits\) was rejected \[code=ERR_RECORD_SCHEMA\]: field \\"flow_id\\" must be a string of digits or a non-negative integer/,
    );
    expect(result.stdout).toMatch(
      /Stream \\"go_live\\" record 2 \(input line 2\) was rejected .*field \\"flow_id\\" or \\"flow_name\\" is required/,
    );
    expect(emu.journal().filter((entry) => entry.route !== "control")).toEqual([]);
  });

  it.each([
    [
      "an unknown object",
      [{ stream: "s", object: "launch_rocket", mode: "append" }],
      {},
      /Stream "s" \(catalog streams\[0\]\) is mapped onto object "launch_rocket".*Map it onto one of: create_flow/,
    ],
    [
      "a sync mode the object does not have",
      [{ stream: "s", object: "publish_flow", mode: "append" }],
      {},
      /Stream "s" \(catalog streams\[0\]\) uses destination_sync_mode "append", but "publish_flow" has only "update"/,
    ],
    [
      "a stream mapped both ways to different operations",
      [{ stream: "s", object: "publish_flow", mode: "update" }],
      { streams: [{ stream_name: "s", endpoint: { template: "delete_flow" } }] },
      /Stream "s" \(catalog streams\[0\]\) is mapped twice: onto object "publish_flow" by the connection and onto template "delete_flow" by streams\[0\]/,
    ],
  ])("refuses %s as a config_error before the first record", async (_name, mapped, extra, reason) => {
    emu.reset();
    const result = await activationWrite(mapped, [record("s", { flow_id: "1" })], {
      ...activationConfig(),
      ...extra,
    });
    expect(result.code).toBe(1);
    expect(trace(result).failure_type).toBe("config_error");
    expect(trace(result).message).toMatch(reason);
    expect(emu.journal().filter((entry) => entry.route !== "control")).toEqual([]);
  });
});
