import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { type CliResult, ofType, runCli } from "../support/cli.js";
import { MINIMAL_FLOW_JSON } from "../support/flow-json.js";
import { assertNoSecrets } from "../support/no-secrets.js";
import { assertProtocolLines } from "../support/protocol-schema.js";
import { tempDir } from "../support/temp-files.js";
import { configFor, emulator, PUBLISHED_FLOW, SPRING_PROMO, states, TOKEN, trace } from "./write-support.js";

/**
 * Configured-stream objects through the built CLI: `discover` offers every entry of `streams[]`
 * (an advanced endpoint, a send_flow_template with its template fixed) as an object of its own,
 * and a data-activation `write` mapping a catalog stream onto one makes exactly the call that
 * entry configures, whatever the catalog stream is called.
 */
const DRAFT = "900000000000201";
const HEADER_SECRET = "stream-objects-header-secret-42";
const dir = tempDir();
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await emulator({
    templates: [SPRING_PROMO],
    flows: [
      { id: PUBLISHED_FLOW, name: "welcome", status: "PUBLISHED" },
      { id: DRAFT, name: "launch_me", status: "DRAFT", flowJson: MINIMAL_FLOW_JSON },
    ],
  });
});
afterAll(async () => {
  await emu.close();
  dir.cleanup();
});

function config(): Record<string, unknown> {
  return configFor(emu, {
    streams: [
      {
        stream_name: "spring",
        endpoint: { template: "send_flow_template", template_name: "spring_promo", language: "en_US" },
      },
      {
        stream_name: "go_live",
        namespace: "crm",
        endpoint: {
          template: "advanced",
          method: "POST",
          url: `${emu.url}/{config.api_version}/{message.flow_id}/publish`,
          request_headers: `X-Trace:{message.trace.id},X-Key:${HEADER_SECRET}`,
          body_template: "{}",
        },
      },
    ],
  });
}

interface Operation {
  readonly object_name: string;
  readonly sync_mode: string;
  readonly json_schema: {
    readonly properties: Record<string, unknown>;
    readonly required?: string[];
    readonly additionalProperties: boolean;
  };
  readonly matching_keys?: string[][];
}

async function cli(args: string[], stdin?: string): Promise<CliResult> {
  const result = await runCli(args, { ...(stdin === undefined ? {} : { stdin }), timeoutMs: 100_000 });
  // Every line validates against the Airbyte protocol's AirbyteMessage.
  assertProtocolLines(result.lines);
  assertNoSecrets({ stdout: result.stdout, stderr: result.stderr }, [TOKEN, HEADER_SECRET]);
  return result;
}

const record = (stream: string, data: Record<string, unknown>) =>
  JSON.stringify({ type: "RECORD", record: { stream, data, emitted_at: 1 } });
const stateOf = (stream: string) =>
  JSON.stringify({
    type: "STATE",
    state: { type: "STREAM", stream: { stream_descriptor: { name: stream }, stream_state: { at: 1 } } },
  });

async function activationWrite(mapped: Record<string, string>, input: string[]): Promise<CliResult> {
  const name = Math.random().toString(36).slice(2);
  const catalog = {
    streams: Object.entries(mapped).map(([stream, object]) => ({
      stream: { name: stream, json_schema: {}, supported_sync_modes: ["full_refresh"] },
      sync_mode: "full_refresh",
      destination_sync_mode: "append",
      destination_object_name: object,
    })),
  };
  return cli(
    [
      "write",
      "--config",
      dir.file(`${name}-config.json`, config()),
      "--catalog",
      dir.file(`${name}-catalog.json`, catalog),
    ],
    `${input.join("\n")}\n`,
  );
}

/** What reached the Graph API besides the control API and reads (the template list, lookups). */
const writes = () => emu.journal().filter((entry) => entry.route !== "control" && entry.method !== "GET");

describe("discover with streams[] in the config", () => {
  it("offers each entry as an object with exactly the fields its endpoint reads, beside the others", async () => {
    const result = await cli(["discover", "--config", dir.file("discover.json", config())]);
    expect(result.code).toBe(0);
    expect(ofType(result, "LOG")).toEqual([]);
    const [message] = ofType(result, "DESTINATION_CATALOG") as Array<{
      destination_catalog: { operations: Operation[] };
    }>;
    const operations = message!.destination_catalog.operations;
    const keys = operations.map((op) => `${op.object_name}/${op.sync_mode}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain("send_flow_template/append");
    expect(keys).toContain("send_flow_template__spring_promo__en_US/append");

    const spring = operations.filter((op) => op.object_name === "stream__spring");
    expect(spring.map((op) => op.sync_mode)).toEqual(["append"]);
    expect(spring[0]!.json_schema.required).toEqual(["to"]);
    expect(Object.keys(spring[0]!.json_schema.properties)).not.toContain("template_name");
    expect(Object.keys(spring[0]!.json_schema.properties)).not.toContain("language");
    expect(Object.keys(spring[0]!.json_schema.properties)).toContain("body_parameters");

    const goLive = operations.filter((op) => op.object_name === "stream__crm__go_live");
    expect(goLive.map((op) => op.sync_mode)).toEqual(["append"]);
    expect(goLive[0]!.json_schema).toMatchObject({
      required: ["flow_id", "trace"],
      additionalProperties: false,
      properties: { trace: { type: "object", required: ["id"] } },
    });
  });

  it("answers an advanced template that does not compile with a TRACE config_error naming the field", async () => {
    const bad = config();
    (bad.streams as Array<{ endpoint: Record<string, unknown> }>)[1]!.endpoint.body_template =
      '{"a": {message.x';
    const result = await cli(["discover", "--config", dir.file("bad-template.json", bad)]);
    expect(result.code).toBe(1);
    expect(result.lines).toHaveLength(1);
    expect(trace(result).failure_type).toBe("config_error");
    expect(trace(result).message).toMatch(/^streams\[1\]\.endpoint\.body_template: /);
  });
});

describe("write with a catalog stream mapped onto a configured stream's object", () => {
  it("makes exactly the calls the entries configure, under the catalog's own stream names", async () => {
    emu.reset();
    const result = await activationWrite({ contacts: "stream__spring", launches: "stream__crm__go_live" }, [
      record("contacts", { to: "15550003333", body_parameters: ["Ana", "SAVE10"] }),
      record("launches", { flow_id: DRAFT, trace: { id: "t-1" } }),
      stateOf("contacts"),
      stateOf("launches"),
    ]);
    expect(ofType(result, "TRACE")).toEqual([]);
    expect(result.stdout).not.toMatch(/was rejected/);
    expect(result.code).toBe(0);
    expect(states(result).map((s) => s.state.destinationStats)).toEqual([
      { recordCount: 1 },
      { recordCount: 1 },
    ]);
    const calls = writes();
    expect(calls).toHaveLength(2);
    expect(calls.find((entry) => entry.route === "send")).toMatchObject({
      template: "spring_promo:en_US",
      recipient: "15550003333",
      phoneNumberId: emu.phoneNumberIds[0],
      status: 200,
    });
    expect(calls.find((entry) => entry.route === "publish")).toMatchObject({
      method: "POST",
      path: `/v23.0/${DRAFT}/publish`,
      status: 200,
    });
    expect(emu.flows().find((flow) => flow.id === DRAFT)?.status).toBe("PUBLISHED");
  });

  it("refuses an object whose entry left the config: a config_error naming stream and object, no call", async () => {
    emu.reset();
    const result = await activationWrite({ contacts: "stream__autumn" }, [
      record("contacts", { to: "15550004444", body_parameters: ["Bo", "SAVE10"] }),
    ]);
    expect(result.code).toBe(1);
    expect(trace(result).failure_type).toBe("config_error");
    expect(trace(result).message).toMatch(
      /Stream "contacts" \(catalog streams\[0\]\) is mapped onto object "stream__autumn", but no entry of "streams" in the config gives that object/,
    );
    expect(emu.journal().filter((entry) => entry.route !== "control")).toEqual([]);
  });
});
