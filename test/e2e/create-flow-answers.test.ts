import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { ofType } from "../support/cli.js";
import { MINIMAL_FLOW_JSON } from "../support/flow-json.js";
import { configFor, emulator, lines, states, streamState, write } from "./write-support.js";

// Issue 9 item 6 through the built CLI: a create_flow with publish: true that Meta (the emulator)
// left as a DRAFT is rejected, and stays rejected when the same sync is run again; a bad
// clone_flow_id under a taken name is rejected with Meta's text, never resolved to that Flow.

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => {
  await emu.close();
});

/** The catalog's "retired" stream mapped to create_flow instead of deprecate_flow. */
function config(): Record<string, unknown> {
  const base = configFor(emu);
  const streams = (base.streams as Array<{ stream_name: string }>).map((s) =>
    s.stream_name === "retired" ? { stream_name: "retired", endpoint: { template: "create_flow" } } : s,
  );
  return { ...base, streams };
}

const create = (data: Record<string, unknown>) =>
  JSON.stringify({ type: "RECORD", record: { stream: "retired", emitted_at: 1, data } });

function warnings(result: Awaited<ReturnType<typeof write>>): string {
  return ofType(result, "LOG")
    .map((m) => m.log as { level: string; message: string })
    .filter((l) => l.level === "WARN")
    .map((l) => l.message)
    .join("\n");
}

it("publish: true that left a DRAFT is rejected on the first run and on the re-run", async () => {
  // Needs an endpoint, and the record gives no endpoint_uri: Meta creates it but cannot publish it.
  const flowJson = { ...MINIMAL_FLOW_JSON, data_api_version: "3.0", routing_model: { WELCOME: [] } };
  const input = lines(
    create({ name: "needs_endpoint", categories: ["OTHER"], flow_json: flowJson, publish: true }),
    streamState("retired", 1),
  );
  for (const run of ["first", "re-run"]) {
    const result = await write(config(), input);
    expect(result.code, run).toBe(0);
    expect(warnings(result), run).toMatch(/was rejected.*is not published: it is DRAFT/s);
    expect(states(result).at(-1)!.state.destinationStats, run).toMatchObject({ rejectedRecordCount: 1 });
  }
  expect(emu.flows().filter((f) => f.name === "needs_endpoint")).toMatchObject([{ status: "DRAFT" }]);
});

it("a bad clone_flow_id under a taken name is rejected with Meta's text", async () => {
  const input = lines(
    create({ name: "welcome", categories: ["OTHER"], clone_flow_id: "424242" }),
    streamState("retired", 2),
  );
  const lookups = () => emu.journal().filter((entry) => entry.route === "list_flows").length;
  const before = lookups();
  const result = await write(config(), input);
  expect(result.code).toBe(0);
  expect(warnings(result)).toContain("Flow with specified ID does not exist");
  expect(states(result).at(-1)!.state.destinationStats).toMatchObject({ rejectedRecordCount: 1 });
  expect(lookups()).toBe(before);
});
