import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliResult } from "../support/cli.js";
import { type RunningS3, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, startS3 } from "../support/s3-server.js";
import { logs, objectStorage, storedLines } from "./object-storage-support.js";
import {
  campaignCatalog,
  campaignThroughput,
  configFor,
  emulatorForFile,
  lines,
  SPRING_PROMO,
  states,
  trace,
  write,
} from "./write-support.js";

/**
 * Suppression that lasts across syncs, and the frequency cap: a recipient who answered 131050 is
 * remembered in the bucket and gets no MARKETING template from later syncs (no call) until a
 * record clears the opt-out; a cap of N messages per window counts earlier syncs' sends from the
 * send ledger. Each sync is the built CLI against the emulator and the local S3 server.
 */

const emu = emulatorForFile({ templates: [SPRING_PROMO] });
let s3: RunningS3;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => {
  await s3.close();
});

const OPTED_OUT = "15554000001";
const OTHER = "15554000002";

function campaignConfig(
  bucketPath: string,
  guardrails: Record<string, unknown> = {},
): Record<string, unknown> {
  return configFor(emu(), {
    streams: [
      {
        stream_name: "campaign",
        endpoint: { template: "send_flow_template", template_name: "spring_promo", language: "en_US" },
      },
    ],
    throughput: campaignThroughput(),
    object_storage_config: objectStorage(s3, { bucket_path: bucketPath }),
    ...(Object.keys(guardrails).length === 0 ? {} : { guardrails }),
  });
}

/** One record per recipient; `code` makes each sync's records new calls for the send ledger. */
function campaign(code: string, recipients: readonly string[], extra: Record<string, unknown> = {}): string {
  return lines(
    ...recipients.map((to) =>
      JSON.stringify({
        type: "RECORD",
        record: { stream: "campaign", emitted_at: 1, data: { to, body_parameters: ["Ana", code], ...extra } },
      }),
    ),
    JSON.stringify({
      type: "STATE",
      state: { type: "STREAM", stream: { stream_descriptor: { name: "campaign" }, stream_state: { code } } },
    }),
  );
}

function sync(config: Record<string, unknown>, syncId: number, input: string): Promise<CliResult> {
  return write(config, input, {
    catalog: campaignCatalog({ sync_id: syncId, generation_id: 0 }),
    secrets: [S3_SECRET_ACCESS_KEY, S3_ACCESS_KEY_ID],
  });
}

/** The template sends that reached the emulator for `to`, and how Meta answered them. */
const sendsTo = (to: string) =>
  emu()
    .journal()
    .filter((entry) => entry.route === "send" && entry.recipient === to);

async function control(path: string, body: unknown): Promise<void> {
  const answer = await fetch(`${emu().url}/__emulator/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(answer.status).toBe(200);
}

describe("suppression across syncs", () => {
  it("a recipient who answered 131050 gets no MARKETING template from later syncs, without a call, until a record clears the opt-out", async () => {
    const config = campaignConfig("suppression-131050");
    await control("opt_outs", { opt_out: [OPTED_OUT] });

    const first = await sync(config, 1, campaign("A1", [OPTED_OUT, OTHER]));
    expect(first.code).toBe(0);
    expect(sendsTo(OPTED_OUT).map((e) => e.errorCode)).toEqual([131050]);
    expect(sendsTo(OTHER).filter((e) => e.wamid !== undefined)).toHaveLength(1);
    const remembered = await storedLines(s3, "suppression-131050/_whatsapp_flows_suppression/entries/");
    expect(remembered).toEqual([
      expect.objectContaining({ e: "suppress", to: `+${OPTED_OUT}`, code: 131050 }),
    ]);

    const second = await sync(config, 2, campaign("A2", [OPTED_OUT, OTHER]));
    expect(second.code).toBe(0);
    expect(sendsTo(OPTED_OUT)).toHaveLength(1);
    expect(sendsTo(OTHER).filter((e) => e.wamid !== undefined)).toHaveLength(2);
    const [rejection] = logs(second, /answered 131050/);
    expect(rejection).toMatch(
      /Stream "campaign" record 1 \(input line 1, to=…0001\) was rejected \[code=ERR_RECIPIENT_SUPPRESSED\]/,
    );
    expect(rejection).toContain("field to");
    expect(rejection).toContain(new Date().toISOString().slice(0, 10));
    expect(rejection).toContain("clear_opt_out: true");
    expect(rejection).not.toContain(OPTED_OUT);
    expect(states(second)).toHaveLength(1);

    // The person opted in again: the record says so, the opt-out is cleared and stays cleared.
    await control("opt_outs", { opt_in: [OPTED_OUT] });
    const cleared = await sync(config, 3, campaign("A3", [OPTED_OUT], { clear_opt_out: true }));
    expect(cleared.code).toBe(0);
    expect(sendsTo(OPTED_OUT).filter((e) => e.wamid !== undefined)).toHaveLength(1);
    const after = await sync(config, 4, campaign("A4", [OPTED_OUT]));
    expect(after.code).toBe(0);
    expect(sendsTo(OPTED_OUT).filter((e) => e.wamid !== undefined)).toHaveLength(2);
  });
});

describe("frequency cap", () => {
  it("max_messages_per_recipient counts earlier syncs' sends from the ledger: the send past the cap is rejected without a call", async () => {
    const config = campaignConfig("frequency-cap", {
      max_messages_per_recipient: 2,
      frequency_window_hours: 24,
    });
    const first = await sync(config, 11, campaign("B1", [OTHER]));
    const second = await sync(config, 12, campaign("B2", [OTHER]));
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(sendsTo(OTHER)).toHaveLength(2);

    const third = await sync(config, 13, campaign("B3", [OTHER, OPTED_OUT]));
    expect(third.code).toBe(0);
    expect(sendsTo(OTHER)).toHaveLength(2);
    expect(sendsTo(OPTED_OUT)).toHaveLength(1);
    const [capped] = logs(third, /max_messages_per_recipient/);
    expect(capped).toContain("already got 2 message(s)");
    expect(capped).toContain("field to");
  });

  it("without object storage a sending sync says once that nothing is remembered, and sends", async () => {
    const config = { ...campaignConfig("unused"), object_storage_config: { storage_type: "None" } };
    const result = await sync(config, 22, campaign("D1", [OTHER, OPTED_OUT]));
    expect(result.code).toBe(0);
    expect(logs(result, /not remembered across syncs/)).toHaveLength(1);
    expect(sendsTo(OTHER)).toHaveLength(1);
  });

  it("without object storage the cap cannot be kept: a config_error naming the field", async () => {
    const config = {
      ...campaignConfig("unused", { max_messages_per_recipient: 1 }),
      object_storage_config: { storage_type: "None" },
    };
    const result = await sync(config, 21, campaign("C1", [OTHER]));
    expect(result.code).toBe(1);
    expect(trace(result).failure_type).toBe("config_error");
    expect(trace(result).message).toContain("guardrails.max_messages_per_recipient needs object storage");
    expect(sendsTo(OTHER)).toHaveLength(0);
  });
});
