import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { type CliResult, ofType } from "../support/cli.js";
import { MINIMAL_FLOW_JSON } from "../support/flow-json.js";
import { configFor, emulator, lines, states, streamState, write } from "./write-support.js";

/**
 * Issue 12 item 4 through the built CLI: every operation on an existing Flow takes `flow_name`
 * instead of `flow_id`; the names are resolved under the WABA once per sync (one list call in the
 * journal for five names), and a name that does not exist rejects its record naming it.
 */
const OPERATIONS = {
  json_by_name: "update_flow_json",
  metadata_by_name: "update_flow_metadata",
  publish_by_name: "publish_flow",
  deprecate_by_name: "deprecate_flow",
  delete_by_name: "delete_flow",
  send_by_name: "send_published_flow",
} as const;
type StreamName = keyof typeof OPERATIONS;

let emu: RunningEmulator;
let result: CliResult;
let since = 0;

const record = (stream: StreamName, data: Record<string, unknown>) =>
  JSON.stringify({ type: "RECORD", record: { stream, emitted_at: 1, data } });

beforeAll(async () => {
  emu = await emulator({
    flows: [
      { name: "welcome", status: "PUBLISHED", flowJson: MINIMAL_FLOW_JSON },
      { name: "draft to edit", status: "DRAFT", flowJson: MINIMAL_FLOW_JSON },
      { name: "draft to publish", status: "DRAFT", flowJson: MINIMAL_FLOW_JSON },
      { name: "live to retire", status: "PUBLISHED", flowJson: MINIMAL_FLOW_JSON },
      { name: "draft to delete", status: "DRAFT" },
    ],
  });
  const config = configFor(emu, {
    streams: Object.entries(OPERATIONS).map(([stream_name, template]) => ({
      stream_name,
      endpoint: { template },
    })),
  });
  const catalog = {
    streams: Object.entries(OPERATIONS).map(([name, template]) => ({
      stream: { name, json_schema: {}, supported_sync_modes: ["full_refresh"] },
      sync_mode: "full_refresh",
      destination_sync_mode: template.startsWith("send")
        ? "append"
        : template === "delete_flow"
          ? "soft_delete"
          : "update",
    })),
  };
  const edited = { ...MINIMAL_FLOW_JSON, screens: [{ ...MINIMAL_FLOW_JSON.screens[0]!, title: "Edited" }] };
  const input = lines(
    record("json_by_name", { flow_name: "draft to edit", flow_json: edited }),
    record("metadata_by_name", { flow_name: "draft to edit", categories: ["SURVEY"] }),
    record("publish_by_name", { flow_name: "draft to publish" }),
    record("deprecate_by_name", { flow_name: "live to retire" }),
    record("delete_by_name", { flow_name: "draft to delete" }),
    record("publish_by_name", { flow_name: "no such flow" }),
    // A send names its Flow in the message itself; its health check resolves the name from the same list.
    record("send_by_name", { to: "15550001111", flow_name: "welcome", flow_cta: "Open", body: "Hi" }),
    streamState("publish_by_name", 1),
  );
  since = emu.journal().at(-1)?.seq ?? 0;
  result = await write(config, input, { catalog });
});
afterAll(async () => {
  await emu.close();
});

it("applies each operation to the Flow of that name", () => {
  expect(result.code, result.stdout.slice(-2000)).toBe(0);
  const byName = new Map(emu.flows().map((f) => [f.name, f]));
  expect(byName.get("draft to edit")).toMatchObject({ status: "DRAFT", categories: ["SURVEY"] });
  expect(byName.get("draft to publish")).toMatchObject({ status: "PUBLISHED" });
  expect(byName.get("live to retire")).toMatchObject({ status: "DEPRECATED" });
  expect(byName.has("draft to delete")).toBe(false);
  const calls = emu.journal().filter((e) => e.seq > since);
  const edit = byName.get("draft to edit")!.id;
  expect(calls.filter((e) => e.route === "update_flow_json").map((e) => e.flowId)).toEqual([edit]);
  expect(calls.filter((e) => e.route === "send" && e.status === 200)).toHaveLength(1);
});

it("resolves the names with one list call for the whole sync", () => {
  const lists = emu.journal().filter((e) => e.seq > since && e.route === "list_flows");
  expect(lists).toHaveLength(1);
});

it("rejects the record naming a Flow that does not exist, and only that one", () => {
  const warnings = ofType(result, "LOG")
    .map((m) => m.log as { level: string; message: string })
    .filter((l) => l.level === "WARN")
    .map((l) => l.message);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain(
    'field "flow_name": no Flow named "no such flow" exists under WhatsApp Business Account',
  );
  expect(warnings[0]).toContain("code=ERR_FLOW_NAME_UNKNOWN");
  expect(states(result).at(-1)!.state.destinationStats).toEqual({ recordCount: 2, rejectedRecordCount: 1 });
});
