import { describe, expect, it } from "vitest";
import { ofType } from "../support/cli.js";
import {
  campaignCatalog,
  campaignThroughput,
  configFor,
  emulatorForFile,
  lines,
  PUBLISHED_FLOW,
  SPRING_PROMO,
  send,
  states,
  streamState,
  trace,
  write,
} from "./write-support.js";

/**
 * The campaign guardrails, on by default: a template Meta pauses mid-campaign, Meta's spam rate
 * limit, a RED-quality sender of MARKETING templates and a Flow whose health is BLOCKED each stop
 * the sends they concern, without a call; each guard can be turned off.
 */

/** The connector's sender, and a second number of the WABA that records choose by phone_number_id. */
const SENDER = "106540352242922";
const OTHER_SENDER = "106540352242923";
const emu = emulatorForFile({ templates: [SPRING_PROMO], phoneNumberIds: [SENDER, OTHER_SENDER] });

const CAMPAIGN_CATALOG = campaignCatalog();

/** One record at a time: "at most the calls in flight" is then exactly the call that was answered. */
function campaignConfig(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return configFor(emu(), {
    streams: [
      {
        stream_name: "campaign",
        endpoint: { template: "send_flow_template", template_name: "spring_promo", language: "en_US" },
      },
    ],
    throughput: campaignThroughput(),
    ...extra,
  });
}

function audience(count: number, senderOf: (i: number) => string | undefined = () => undefined): string {
  const out: string[] = [];
  for (let i = 1; i <= count; i++) {
    const sender = senderOf(i);
    out.push(
      JSON.stringify({
        type: "RECORD",
        record: {
          stream: "campaign",
          emitted_at: 1,
          data: {
            to: `1555400${String(i).padStart(4, "0")}`,
            body_parameters: [`Customer ${i}`, `CODE${i}`],
            ...(sender === undefined ? {} : { phone_number_id: sender }),
          },
        },
      }),
      streamState("campaign", i),
    );
  }
  return lines(...out);
}

const sends = () =>
  emu()
    .journal()
    .filter((e) => e.route === "send");
const logText = (result: Parameters<typeof ofType>[0]) =>
  ofType(result, "LOG")
    .map((m) => (m as { log: { message: string } }).log.message)
    .join("\n");

async function control(path: string, body: unknown): Promise<void> {
  const answer = await fetch(`${emu().url}/__emulator/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(answer.status).toBe(200);
}

describe("campaign guardrails", () => {
  it("a template Meta pauses mid-campaign (132015): its remaining records are rejected without a call", async () => {
    emu().setFaults([{ route: "send", code: 132015, status: 400, after: 3 }]);
    const result = await write(campaignConfig(), audience(12), { catalog: CAMPAIGN_CATALOG });
    expect(result.code).toBe(0);
    // 3 sent, the 4th answered 132015, records 5 to 12 never called.
    expect(sends()).toHaveLength(4);
    expect(sends().filter((e) => e.wamid !== undefined)).toHaveLength(3);
    const log = logText(result);
    expect(log).toContain('not sent: template "spring_promo" (en_US) is PAUSED');
    expect(log.match(/is PAUSED: Meta said so to an earlier send/g)).toHaveLength(8);
    expect(states(result)).toHaveLength(12);
  });

  it("with paused_template_guard off, every record is sent and refused one by one", async () => {
    emu().setFaults([{ route: "send", code: 132015, status: 400, after: 3 }]);
    const result = await write(
      campaignConfig({ guardrails: { paused_template_guard: "off" } }),
      audience(6),
      { catalog: CAMPAIGN_CATALOG },
    );
    expect(result.code).toBe(0);
    expect(sends()).toHaveLength(6);
  });

  it("Meta's spam rate limit (131048) stops the number's sends: never re-sent, the sync ends naming it", async () => {
    emu().setFaults([{ route: "send", code: 131048, status: 400, after: 2 }]);
    const result = await write(campaignConfig(), audience(10), { catalog: CAMPAIGN_CATALOG });
    expect(result.code).not.toBe(0);
    const error = trace(result);
    expect(error.failure_type).toBe("config_error");
    expect(error.message).toContain(`phone number ${emu().phoneNumberIds[0]}`);
    expect(error.message).toContain("131048");
    expect(error.message).toContain("quality rating");
    // Two sent, the third refused once (not waited out and sent again), nothing after it.
    expect(sends()).toHaveLength(3);
    expect(sends().filter((e) => e.errorCode === 131048)).toHaveLength(1);
    expect(states(result).length).toBeLessThanOrEqual(2);
  });

  it("a RED-quality number refuses MARKETING template sends before any call; quality_guard off sends them", async () => {
    await control(`phone_numbers/${emu().phoneNumberIds[0]}`, { quality_rating: "RED" });
    const refused = await write(campaignConfig(), audience(3), { catalog: CAMPAIGN_CATALOG });
    expect(refused.code).not.toBe(0);
    const error = trace(refused);
    expect(error.failure_type).toBe("config_error");
    expect(error.message).toContain(`the quality rating of phone number ${emu().phoneNumberIds[0]} is RED`);
    expect(error.message).toContain("quality_guard");
    expect(sends()).toEqual([]);
    expect(states(refused)).toEqual([]);

    const sent = await write(campaignConfig({ guardrails: { quality_guard: "off" } }), audience(3), {
      catalog: CAMPAIGN_CATALOG,
    });
    expect(sent.code).toBe(0);
    expect(sends().filter((e) => e.wamid !== undefined)).toHaveLength(3);
  });

  it("senders chosen by the records: each one's quality is read once, before its first MARKETING send; a RED one stops the sync before any send from it", async () => {
    await control(`phone_numbers/${OTHER_SENDER}`, { quality_rating: "RED" });
    // Records 1, 2 and 4 from the connector's sender, 3 and 5 from the RED number, one at a time.
    const result = await write(
      campaignConfig(),
      audience(5, (i) => (i === 3 || i === 5 ? OTHER_SENDER : i === 2 ? SENDER : undefined)),
      { catalog: CAMPAIGN_CATALOG },
    );
    expect(result.code).not.toBe(0);
    const error = trace(result);
    expect(error.failure_type).toBe("config_error");
    expect(error.message).toContain(`the quality rating of phone number ${OTHER_SENDER} is RED`);
    expect(error.message).toContain('stream "campaign" record 3');
    const journal = emu().journal();
    const qualityReads = (id: string) =>
      journal.filter((e) => e.route === "phone_number" && e.method === "GET" && e.path.includes(`/${id}`));
    expect(qualityReads(SENDER)).toHaveLength(1);
    expect(qualityReads(OTHER_SENDER)).toHaveLength(1);
    // Records 1 and 2 sent from the GREEN number after its one read; nothing from the RED number.
    expect(sends().map((e) => [e.phoneNumberId, e.recipient])).toEqual([
      [SENDER, "15554000001"],
      [SENDER, "15554000002"],
    ]);
    expect(qualityReads(SENDER)[0]!.seq).toBeLessThan(sends()[0]!.seq);
    expect(states(result).length).toBeLessThanOrEqual(2);
  });

  it("a Flow whose health_status is BLOCKED: its sends are rejected without a call, naming the Flow and the reason", async () => {
    await control(`flows/${PUBLISHED_FLOW}/health`, {
      can_send_message: "BLOCKED",
      error_code: 139003,
      error_description: "The Flow's endpoint is unavailable.",
      possible_solution: "Fix the endpoint, then check the Flow's health.",
    });
    const result = await write(
      configFor(emu()),
      lines(send("15554000001"), send("15554000002"), send("15554000003"), streamState("invites", 1)),
    );
    // Every record of the stream rejected for the Flow: the sync stops naming it, once the input ends.
    expect(result.code).not.toBe(0);
    expect(trace(result)).toMatchObject({ failure_type: "config_error" });
    expect(trace(result).message).toMatch(/^Stream "invites": all its 3 records were rejected because /);
    const log = logText(result);
    expect(log).toContain(`Flow ${PUBLISHED_FLOW} cannot be sent`);
    expect(log).toContain("The Flow's endpoint is unavailable.");
    expect(sends()).toEqual([]);
    // health_status is read once for the sync, not once per record.
    const reads = emu()
      .journal()
      .filter((e) => e.route === "get_flow");
    expect(reads).toHaveLength(1);
  });

  it("with flow_health_guard off, the health is not read and Meta refuses the BLOCKED Flow's send (132068)", async () => {
    await control(`flows/${PUBLISHED_FLOW}/health`, { can_send_message: "BLOCKED" });
    const toHealthyFlow = JSON.stringify({
      type: "RECORD",
      record: {
        stream: "invites",
        emitted_at: 1,
        data: { to: "15554000002", flow_name: "old_0", flow_cta: "Open", body: "Hello there" },
      },
    });
    const result = await write(
      configFor(emu(), { guardrails: { flow_health_guard: "off" } }),
      lines(send("15554000001"), toHealthyFlow, streamState("invites", 1)),
    );
    expect(result.code).toBe(0);
    expect(logText(result)).toMatch(/Stream "invites" record 1 .*Graph error 132068/);
    expect(sends().map((e) => [e.recipient, e.errorCode])).toEqual(
      expect.arrayContaining([
        ["15554000001", 132068],
        ["15554000002", undefined],
      ]),
    );
    const routes = emu()
      .journal()
      .map((e) => e.route);
    expect(routes.filter((r) => r === "get_flow" || r === "list_flows")).toEqual([]);
  });

  it("a Flow named by flow_name is health-checked too: one list call resolves it; its sends are rejected naming the Flow, the reason, the record and the stream; other Flows' sends go out", async () => {
    await control(`flows/${PUBLISHED_FLOW}/health`, {
      can_send_message: "BLOCKED",
      error_code: 139003,
      error_description: "The Flow's endpoint is unavailable.",
    });
    const byName = (to: string, flowName: string) =>
      JSON.stringify({
        type: "RECORD",
        record: {
          stream: "invites",
          emitted_at: 1,
          data: { to, flow_name: flowName, flow_cta: "Open", body: "Hello there" },
        },
      });
    const result = await write(
      configFor(emu()),
      lines(
        byName("15554000001", "welcome"),
        byName("15554000002", "welcome"),
        send("15554000003"),
        byName("15554000004", "old_0"),
        streamState("invites", 1),
      ),
    );
    expect(result.code).toBe(0);
    const rejected = ofType(result, "LOG")
      .map((m) => (m as { log: { level: string; message: string } }).log)
      .filter((l) => l.level === "WARN" && l.message.includes("cannot be sent"))
      .map((l) => l.message);
    expect(rejected).toHaveLength(3);
    expect(rejected.find((m) => m.startsWith('Stream "invites" record 1 '))).toMatch(
      new RegExp(
        `^Stream "invites" record 1 \\(input line 1, to=…0001 flow_name="welcome"\\) was rejected \\[code=ERR_CAMPAIGN_GUARD\\]: not sent: Flow ${PUBLISHED_FLOW} \\("welcome"\\) cannot be sent: health_status FLOW ${PUBLISHED_FLOW} is BLOCKED: The Flow's endpoint is unavailable\\. \\[139003\\]`,
      ),
    );
    expect(sends().map((e) => e.recipient)).toEqual(["15554000004"]);
    // One list call resolves both names; one health read per Flow serves its name and its id alike.
    const routes = emu()
      .journal()
      .map((e) => e.route);
    expect(routes.filter((r) => r === "list_flows")).toHaveLength(1);
    expect(routes.filter((r) => r === "get_flow")).toHaveLength(2);
  });
});
