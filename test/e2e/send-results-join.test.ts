import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { type CliResult, ofType, runCli } from "../support/cli.js";
import { assertNoSecrets } from "../support/no-secrets.js";
import { assertProtocolLines } from "../support/protocol-schema.js";
import { tempDir } from "../support/temp-files.js";
import { emulator, PUBLISHED_FLOW, SPRING_PROMO, TOKEN } from "./write-support.js";

/**
 * Results that join back, through the built CLI against the emulator: every send carries
 * `biz_opaque_callback_data`, which the emulator's status log (GET /__emulator/statuses, what
 * Meta's status webhooks would say) gives back; and send_flow_template routes MARKETING templates
 * to /marketing_messages, falling back to /messages once, with one WARN, for a WABA not onboarded.
 */
const dir = tempDir();
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await emulator({ templates: [SPRING_PROMO] });
});
beforeEach(() => emu.reset());
afterAll(async () => {
  await emu.close();
  dir.cleanup();
});

interface Stream {
  readonly name: string;
  readonly endpoint: Record<string, unknown>;
  readonly primaryKey?: string[][];
}

interface Status {
  readonly id: string;
  readonly recipient_id: string;
  readonly biz_opaque_callback_data?: string;
  readonly edge: string;
}

async function write(streams: readonly Stream[], lines: readonly string[]): Promise<CliResult> {
  const name = Math.random().toString(36).slice(2);
  const config = {
    access_token: TOKEN,
    waba_id: emu.wabaId,
    phone_number_id: emu.phoneNumberIds[0],
    base_url: emu.url,
    streams: streams.map((s) => ({ stream_name: s.name, endpoint: s.endpoint })),
    throughput: { messages_per_second: "0", max_concurrency: 4, request_timeout_seconds: 10 },
  };
  const catalog = {
    streams: streams.map((s) => ({
      stream: { name: s.name, json_schema: {}, supported_sync_modes: ["full_refresh"] },
      sync_mode: "full_refresh",
      destination_sync_mode: "append",
      ...(s.primaryKey === undefined ? {} : { primary_key: s.primaryKey }),
    })),
  };
  const result = await runCli(
    [
      "write",
      "--config",
      dir.file(`${name}-config.json`, config),
      "--catalog",
      dir.file(`${name}-catalog.json`, catalog),
    ],
    { stdin: `${lines.join("\n")}\n`, timeoutMs: 120_000 },
  );
  assertProtocolLines(result.lines);
  assertNoSecrets({ stdout: result.stdout, stderr: result.stderr }, [TOKEN]);
  return result;
}

const record = (stream: string, data: Record<string, unknown>) =>
  JSON.stringify({ type: "RECORD", record: { stream, data, emitted_at: 1 } });

async function statuses(): Promise<Status[]> {
  const answer = (await (await fetch(`${emu.url}/__emulator/statuses`)).json()) as { statuses: Status[] };
  return answer.statuses;
}

const warnings = (result: CliResult): string[] =>
  (ofType(result, "LOG") as Array<{ log: { level: string; message: string } }>)
    .filter((m) => m.log.level === "WARN")
    .map((m) => m.log.message);

const invite = (to: string, extra: Record<string, unknown> = {}) => ({
  to,
  flow_id: PUBLISHED_FLOW,
  flow_cta: "Open",
  body: "Hello",
  ...extra,
});
const promo = (to: string, extra: Record<string, unknown> = {}) => ({
  to,
  template_name: "spring_promo",
  body_parameters: ["Ana", "SAVE10"],
  ...extra,
});

describe("results join back: biz_opaque_callback_data in every send", () => {
  it("the stream and primary key by default, a named field when the endpoint says so; read back from the status log", async () => {
    const result = await write(
      [
        { name: "invites", endpoint: { template: "send_published_flow" }, primaryKey: [["customer_id"]] },
        {
          name: "promos",
          endpoint: { template: "send_flow_template", callback_data_field: "campaign_row" },
        },
      ],
      [
        record("invites", invite("+15550100001", { customer_id: "c-1" })),
        record("invites", invite("+15550100002", { customer_id: "c-2" })),
        record("promos", promo("+15550100003", { campaign_row: "spring-2026/row-7" })),
      ],
    );
    expect(result.code, result.stderr).toBe(0);
    const byRecipient = new Map((await statuses()).map((s) => [s.recipient_id, s]));
    expect(JSON.parse(byRecipient.get("15550100001")?.biz_opaque_callback_data ?? "null")).toEqual({
      stream: "invites",
      key: { customer_id: "c-1" },
    });
    expect(JSON.parse(byRecipient.get("15550100002")?.biz_opaque_callback_data ?? "null")).toEqual({
      stream: "invites",
      key: { customer_id: "c-2" },
    });
    expect(byRecipient.get("15550100003")?.biz_opaque_callback_data).toBe("spring-2026/row-7");
  });

  it("a named field over 512 characters or missing rejects that record before any call, naming record, stream and field; the others are sent", async () => {
    const result = await write(
      [{ name: "invites", endpoint: { template: "send_published_flow", callback_data_field: "ref" } }],
      [
        record("invites", invite("+15550100011", { ref: "x".repeat(513) })),
        record("invites", invite("+15550100012", { ref: "ok" })),
        record("invites", invite("+15550100013")),
      ],
    );
    expect(result.code, result.stderr).toBe(0);
    expect(warnings(result).sort()).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Stream "invites" record 1 \\(input line 1, to=…0011 flow_id=${PUBLISHED_FLOW}\\) was rejected \\[code=ERR_RECORD_FIELD\\]: field "ref" is 513 characters; as the callback data \\(callback_data_field\\) Meta takes at most 512$`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^Stream "invites" record 3 \\(input line 3, to=…0013 flow_id=${PUBLISHED_FLOW}\\) was rejected \\[code=ERR_RECORD_FIELD\\]: field "ref" is missing: the endpoint's callback_data_field names it as the message's callback data$`,
        ),
      ),
    ]);
    expect((await statuses()).map((s) => s.recipient_id)).toEqual(["15550100012"]);
  });
});

describe("send_flow_template and the Marketing Messages API", () => {
  const marketing = { template: "send_flow_template", marketing_messages_api: "auto" };

  it("auto: a MARKETING template is sent through /marketing_messages", async () => {
    const result = await write(
      [{ name: "promos", endpoint: marketing }],
      [record("promos", promo("+15550100021")), record("promos", promo("+15550100022"))],
    );
    expect(result.code, result.stderr).toBe(0);
    expect((await statuses()).map((s) => s.edge)).toEqual(["marketing_messages", "marketing_messages"]);
    expect(warnings(result).filter((w) => w.includes("Marketing Messages"))).toEqual([]);
  });

  it("auto, WABA not onboarded: every record is sent through /messages, with one WARN for the sync", async () => {
    const off = await fetch(`${emu.url}/__emulator/marketing_messages`, {
      method: "POST",
      body: JSON.stringify({ onboarded: false }),
    });
    expect(off.status).toBe(200);
    const to = Array.from({ length: 6 }, (_, i) => `+1555010003${i}`);
    const result = await write(
      [{ name: "promos", endpoint: marketing }],
      to.map((t) => record("promos", promo(t))),
    );
    expect(result.code, result.stderr).toBe(0);
    const sent = await statuses();
    expect(sent.map((s) => s.edge)).toEqual(to.map(() => "messages"));
    expect(sent.every((s) => s.biz_opaque_callback_data?.includes('"promos"'))).toBe(true);
    const notOnboarded = warnings(result).filter((w) =>
      w.includes("not onboarded to the Marketing Messages API"),
    );
    expect(notOnboarded).toHaveLength(1);
  });
});
