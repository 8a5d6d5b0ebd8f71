import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { type CliResult, ofType } from "../support/cli.js";
import { manyBadIds, undeclaredInitValues } from "../unit/flow-json/support/flows.js";
import { configFor, emulator, type WebhookReceiver, webhookReceiver, write } from "./write-support.js";

/**
 * Issue 9 item 7 through the built CLI: every Flow JSON error of a rejected record, with its line
 * and column, reaches the LOG and the webhook envelope; a warning of a record that succeeds does too.
 */
const DRAFT = "900000000000077";
const SECRET = "whsec-flow-json-findings";
let emu: RunningEmulator;
let hook: WebhookReceiver;
let result: CliResult;

const manyErrors = JSON.stringify(manyBadIds(12), null, 2);
const record = (data: Record<string, unknown>) =>
  JSON.stringify({ type: "RECORD", record: { stream: "retired", emitted_at: 1, data } });

function logs(level: string): string[] {
  return ofType(result, "LOG")
    .map((m) => m.log as { level: string; message: string })
    .filter((l) => l.level === level)
    .map((l) => l.message);
}

type Envelope = { record_index: number; outcome: string; error?: { message: string }; warnings?: string[] };
const envelopes = (): Envelope[] => hook.bodies.map((b) => JSON.parse(b) as Envelope);

beforeAll(async () => {
  emu = await emulator({ flows: [{ id: DRAFT, name: "draft_form", status: "DRAFT" }] });
  hook = await webhookReceiver();
  const config = configFor(emu, {
    streams: [
      { stream_name: "retired", endpoint: { template: "update_flow_json", flow_id: DRAFT } },
      { stream_name: "*", endpoint: { template: "send_published_flow" } },
    ],
    response_webhook: { mode: "webhook", url: hook.url, signing_secret: SECRET, batch_size: 1 },
  });
  const input = `${[record({ file_content: manyErrors }), record({ flow_json: undeclaredInitValues })].join("\n")}\n`;
  result = await write(config, input, { secrets: [SECRET] });
});
afterAll(async () => {
  await hook.close();
  await emu.close();
});

describe("Flow JSON findings reach the report and the webhook", () => {
  it("rejects the record with all twelve errors, each at its line and column in the text as given", () => {
    expect(result.code, result.stdout.slice(-2000)).toBe(0);
    const rejected = logs("WARN").find((m) => m.includes("record 1 ") && m.includes("was rejected"));
    expect(rejected).toContain("(12 errors)");
    expect(rejected).toContain('lines and columns refer to the text of field "file_content" as given');
    const textLines = manyErrors.split("\n");
    for (let i = 0; i < 12; i++) {
      const m = new RegExp(
        `PATTERN_MISMATCH at screens\\[${i}\\]\\.id \\(line (\\d+), column (\\d+)\\)`,
      ).exec(rejected ?? "");
      expect(m, `finding ${i}`).not.toBeNull();
      expect(textLines[Number(m?.[1]) - 1]?.slice(Number(m?.[2]) - 1)).toBe(`"id": "BAD${i}",`);
    }
    const envelope = envelopes().find((e) => e.record_index === 1);
    expect(envelope?.outcome).toBe("rejected");
    expect(envelope?.error?.message).toContain("12) PATTERN_MISMATCH at screens[11].id");
    expect(emu.journal().filter((j) => j.route === "update_flow_json")).toHaveLength(1);
  });

  it("uploads the Flow whose Form init-values are undeclared, and reports the warning in LOG and envelope", () => {
    const warned = logs("WARN").find(
      (m) => m.includes("record 2 ") && m.includes("succeeded with 1 warning"),
    );
    expect(warned).toContain(
      'INVALID_SCREEN_DATA at screens[0].layout.children[0]["init-values"] (line 1, column',
    );
    const envelope = envelopes().find((e) => e.record_index === 2);
    expect(envelope?.outcome).toBe("succeeded");
    expect(envelope?.warnings).toHaveLength(1);
    expect(envelope?.warnings?.[0]).toContain("serialised as compact JSON");
  });
});
