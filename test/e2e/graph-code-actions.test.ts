import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { type CliResult, ofType } from "../support/cli.js";
import { MINIMAL_FLOW_JSON } from "../support/flow-json.js";
import { configFor, emulator, PUBLISHED_FLOW, SPRING_PROMO, states, trace, write } from "./write-support.js";

/**
 * What Meta's answers make the sync do, through the built CLI: a payment problem (134011) stops
 * the sync with a config_error after the one call in flight; `is_transient: true` sends a Flow
 * update again within the retry budget but never a send; a Flow JSON version newer than the
 * validator goes to Meta, whose validation decides, with a WARN either way.
 */
const DRAFT = "900000000000088";
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await emulator({
    templates: [SPRING_PROMO],
    flows: [
      { id: PUBLISHED_FLOW, name: "welcome", status: "PUBLISHED" },
      { id: DRAFT, name: "draft_to_update", status: "DRAFT" },
    ],
  });
});
afterAll(async () => {
  await emu.close();
});

const stream = (name: string) => ({
  stream: { name, json_schema: {}, supported_sync_modes: ["full_refresh"] },
  sync_mode: "full_refresh",
  destination_sync_mode: "append",
});

function config(endpoint: Record<string, unknown>): Record<string, unknown> {
  return configFor(emu, {
    streams: [{ stream_name: "s", endpoint }],
    throughput: {
      messages_per_second: "0",
      max_concurrency: 1,
      request_timeout_seconds: 5,
      max_retries: 2,
      max_retry_wait_seconds: 5,
    },
  });
}

function input(records: Record<string, unknown>[]): string {
  const lines = records.flatMap((data, i) => [
    JSON.stringify({ type: "RECORD", record: { stream: "s", emitted_at: 1, data } }),
    JSON.stringify({
      type: "STATE",
      state: {
        type: "STREAM",
        stream: { stream_descriptor: { name: "s" }, stream_state: { cursor: i + 1 } },
      },
    }),
  ]);
  return `${lines.join("\n")}\n`;
}

const sync = (endpoint: Record<string, unknown>, records: Record<string, unknown>[]) =>
  write(config(endpoint), input(records), { catalog: { streams: [stream("s")] } });

const campaign = { template: "send_flow_template", template_name: "spring_promo", language: "en_US" };
const recipient = (i: number) => ({
  to: `1555400${String(i).padStart(4, "0")}`,
  body_parameters: ["Ana", "X1"],
});
/** Records and rejections over every STATE the sync echoed (each counts those since the one before). */
function totals(result: CliResult): { records: number; rejected: number } {
  let records = 0;
  let rejected = 0;
  for (const { state } of states(result)) {
    records += state.destinationStats.recordCount ?? 0;
    rejected += state.destinationStats.rejectedRecordCount ?? 0;
  }
  return { records, rejected };
}
const calls = (route: string) => emu.journal().filter((e) => e.route === route);
const warnings = (result: CliResult) =>
  ofType(result, "LOG")
    .map((m) => m.log as { level: string; message: string })
    .filter((l) => l.level === "WARN")
    .map((l) => l.message);

describe("Meta's error codes decide what the sync does next", () => {
  it("134011 (payment) stops the sync with a config_error naming the payment problem, after the one call in flight", async () => {
    emu.reset();
    emu.setFaults([
      { route: "send", status: 400, code: 134011, message: "(#134011) Business eligibility payment issue" },
    ]);
    const result = await sync(campaign, [1, 2, 3, 4, 5].map(recipient));
    expect(result.code).not.toBe(0);
    const error = trace(result);
    expect(error.failure_type).toBe("config_error");
    expect(error.message).toMatch(/payment problem.*WhatsApp Manager.*\(Graph error 134011\)/);
    expect(ofType(result, "TRACE")).toHaveLength(1);
    // One send in flight (max_concurrency 1), never repeated; the other records were never tried.
    expect(calls("send"), JSON.stringify(calls("send"))).toHaveLength(1);
    expect(states(result)).toEqual([]);
  });

  it("is_transient: true on a Flow update (139001) sends it again within the budget, and it succeeds", async () => {
    emu.reset();
    emu.setFaults([{ route: "update_flow_json", status: 400, code: 139001, is_transient: true, times: 1 }]);
    const result = await sync({ template: "update_flow_json", flow_id: DRAFT }, [
      { flow_json: MINIMAL_FLOW_JSON },
    ]);
    expect(result.code, result.stdout.slice(-2000)).toBe(0);
    expect(calls("update_flow_json").map((e) => e.status)).toEqual([400, 200]);
    expect(emu.flows().find((f) => f.id === DRAFT)?.json_version).toBe("7.2");
    expect(totals(result)).toEqual({ records: 1, rejected: 0 });
  });

  it("is_transient: true on a send is not sent again: the record is rejected, the sync goes on", async () => {
    emu.reset();
    emu.setFaults([
      {
        route: "send",
        status: 400,
        code: 131026,
        message: "Message Undeliverable",
        is_transient: true,
        times: 1,
      },
    ]);
    const result = await sync(campaign, [recipient(1), recipient(2)]);
    expect(result.code, result.stdout.slice(-2000)).toBe(0);
    expect(calls("send").map((e) => e.status)).toEqual([400, 200]);
    expect(new Set(calls("send").map((e) => e.recipient)).size).toBe(2);
    expect(warnings(result).find((w) => w.includes("was rejected"))).toContain("Graph error 131026");
    expect(totals(result)).toEqual({ records: 2, rejected: 1 });
  });
});

describe("a Flow JSON version newer than the validator knows", () => {
  const newer = { ...MINIMAL_FLOW_JSON, version: "7.4" };

  it("is uploaded, and Meta's validation refusing the version rejects the record with Meta's error", async () => {
    emu.reset();
    const result = await sync({ template: "update_flow_json", flow_id: DRAFT }, [{ flow_json: newer }]);
    expect(result.code, result.stdout.slice(-2000)).toBe(0);
    expect(calls("update_flow_json")).toHaveLength(1);
    const rejected = warnings(result).find((w) => w.includes("was rejected"));
    expect(rejected).toContain("INVALID_FLOW_JSON_VERSION");
    expect(totals(result)).toEqual({ records: 1, rejected: 1 });
  });

  it("is uploaded, and once Meta knows it the record succeeds with a WARN that the version is newer than the validator", async () => {
    emu.reset();
    emu.setFlowRules({ extraFlowJsonVersions: ["7.4"] });
    const result = await sync({ template: "update_flow_json", flow_id: DRAFT }, [{ flow_json: newer }]);
    expect(result.code, result.stdout.slice(-2000)).toBe(0);
    expect(emu.flows().find((f) => f.id === DRAFT)).toMatchObject({
      json_version: "7.4",
      validation_errors: 0,
    });
    const warned = warnings(result).find((w) => w.includes("succeeded with 1 warning"));
    expect(warned).toMatch(/NEWER_FLOW_JSON_VERSION .*7\.4 is newer than .*validator knows \(up to 7\.3\)/);
    expect(totals(result)).toEqual({ records: 1, rejected: 0 });
  });
});
