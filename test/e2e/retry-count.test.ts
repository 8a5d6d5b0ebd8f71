import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { type CliResult, ofType } from "../support/cli.js";
import { MINIMAL_FLOW_JSON } from "../support/flow-json.js";
import {
  configFor,
  emulator,
  lines,
  streamState,
  TO_DEPRECATE,
  type WebhookReceiver,
  webhookReceiver,
  write,
} from "./write-support.js";

// Issue 9 item 9 through the built CLI: a retry is the retry policy sending the same call again,
// never the follow-up calls of one record (create + status read, a name lookup, deploy_flow's
// steps). The stream lines, the summary and the webhook envelope count the same thing.

let emu: RunningEmulator;
let hook: WebhookReceiver;
beforeAll(async () => {
  emu = await emulator();
  hook = await webhookReceiver();
});
afterAll(async () => {
  await hook.close();
  await emu.close();
});

type Envelope = { outcome: string; attempts: number; calls: number; retries: number };

async function sync(template: string, data: Record<string, unknown>): Promise<CliResult> {
  hook.bodies.length = 0;
  const config = configFor(emu, {
    streams: [{ stream_name: "flows", endpoint: { template } }],
    response_webhook: { mode: "webhook", url: hook.url, batch_size: 1 },
  });
  const catalog = {
    streams: [
      {
        stream: { name: "flows", json_schema: {}, supported_sync_modes: ["full_refresh"] },
        sync_mode: "full_refresh",
        destination_sync_mode: "append",
      },
    ],
  };
  const record = JSON.stringify({ type: "RECORD", record: { stream: "flows", emitted_at: 1, data } });
  const result = await write(config, lines(record, streamState("flows", 1)), { catalog });
  expect(result.code).toBe(0);
  return result;
}

const infoLines = (result: CliResult) =>
  ofType(result, "LOG")
    .map((m) => m.log as { level: string; message: string })
    .map((l) => l.message);
/** The summary's totals line ("… records read in … s; whole sync: N retries, …"). */
const summaryLine = (result: CliResult) => infoLines(result).find((l) => l.includes("whole sync:")) ?? "";
/** The summary's line of the one stream ('… stream "flows": 1 read, 1 sent, …, N retries, …'). */
const streamLine = (result: CliResult) =>
  infoLines(result).find((l) => l.includes('stream "flows": 1 read')) ?? "";
const envelope = () => {
  expect(hook.bodies).toHaveLength(1);
  return JSON.parse(hook.bodies[0]!) as Envelope;
};

describe("retries count the calls the retry policy sent again, nothing else", () => {
  it("a clean deploy_flow with publish: true reports 0 retries for its several calls", async () => {
    const result = await sync("deploy_flow", {
      name: "retry_count_deploy",
      categories: ["SIGN_UP"],
      flow_json: MINIMAL_FLOW_JSON,
      publish: true,
    });
    expect(emu.flows().find((f) => f.name === "retry_count_deploy")?.status).toBe("PUBLISHED");
    expect(summaryLine(result)).toContain("whole sync: 0 retries");
    expect(streamLine(result)).toContain("1 sent");
    expect(streamLine(result)).toContain(", 0 retries");
    const sent = envelope();
    expect(sent.outcome).toBe("succeeded");
    expect(sent.calls).toBeGreaterThan(2);
    expect(sent).toMatchObject({ retries: 0, attempts: sent.calls });
  });

  it("a clean create_flow with publish: true (create, then status read) reports 0 retries", async () => {
    const result = await sync("create_flow", {
      name: "retry_count_create",
      categories: ["SIGN_UP"],
      flow_json: MINIMAL_FLOW_JSON,
      publish: true,
    });
    expect(emu.flows().find((f) => f.name === "retry_count_create")?.status).toBe("PUBLISHED");
    expect(summaryLine(result)).toContain("whole sync: 0 retries");
    expect(streamLine(result)).toContain(", 0 retries");
    expect(envelope()).toMatchObject({ outcome: "succeeded", calls: 2, retries: 0, attempts: 2 });
  });

  it("an idempotent call that met one 5xx and then succeeded reports 1 retry", async () => {
    emu.setFaults([{ route: "deprecate", status: 500, code: 2, is_transient: true, times: 1 }]);
    try {
      const result = await sync("deprecate_flow", { flow_id: TO_DEPRECATE[2] });
      expect(emu.flows().find((f) => f.id === TO_DEPRECATE[2])?.status).toBe("DEPRECATED");
      expect(summaryLine(result)).toContain("whole sync: 1 retry,");
      expect(streamLine(result)).toContain(", 1 retry");
      expect(envelope()).toMatchObject({ outcome: "succeeded", calls: 1, retries: 1, attempts: 2 });
    } finally {
      emu.setFaults([]);
    }
  });
});
