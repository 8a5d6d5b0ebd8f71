import { describe, expect, it } from "vitest";
import type { SeedTemplate } from "../../src/emulator/index.js";
import { ofType } from "../support/cli.js";
import {
  campaignCatalog,
  campaignThroughput,
  configFor,
  emulatorForFile,
  lines,
  PUBLISHED_FLOW,
  SPRING_PROMO,
  streamState,
  TO_DEPRECATE,
  write,
} from "./write-support.js";

/**
 * The Flow health guard on template sends: the Flow a template's FLOW button opens is the one the
 * WABA's template list names (read once for the sync), and its health_status is read once; a
 * BLOCKED Flow's template sends are rejected without a call, other templates' sends go out.
 */

/** A second template, made by flow_name: Meta keeps (and lists) the named Flow's id. */
const SUMMER_NEWS: SeedTemplate = {
  name: "summer_news",
  language: "en_US",
  category: "UTILITY",
  components: [
    { type: "BODY", text: "Hi {{1}}, your code is {{2}}", example: { body_text: [["Ana", "SAVE10"]] } },
    { type: "BUTTONS", buttons: [{ type: "FLOW", text: "Open", flow_name: "old_0" }] },
  ],
};
const emu = emulatorForFile({ templates: [SPRING_PROMO, SUMMER_NEWS] });

const CAMPAIGN_CATALOG = campaignCatalog();

function campaignConfig(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return configFor(emu(), {
    streams: [{ stream_name: "campaign", endpoint: { template: "send_flow_template", language: "en_US" } }],
    throughput: campaignThroughput(),
    ...extra,
  });
}

const record = (i: number, template: string) =>
  JSON.stringify({
    type: "RECORD",
    record: {
      stream: "campaign",
      emitted_at: 1,
      data: {
        to: `1555400${String(i).padStart(4, "0")}`,
        template_name: template,
        body_parameters: [`Customer ${i}`, `CODE${i}`],
      },
    },
  });

const routes = () =>
  emu()
    .journal()
    .map((e) => e.route);
const sends = () =>
  emu()
    .journal()
    .filter((e) => e.route === "send");

async function blockSpringPromoFlow(): Promise<void> {
  const answer = await fetch(`${emu().url}/__emulator/flows/${PUBLISHED_FLOW}/health`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      can_send_message: "BLOCKED",
      error_code: 139003,
      error_description: "The Flow's endpoint is unavailable.",
    }),
  });
  expect(answer.status).toBe(200);
}

describe("the Flow health guard on template sends", () => {
  it("a template whose FLOW button opens a BLOCKED Flow: its sends are rejected without a call, naming template, Flow, reason, record and stream; the other template's sends go out", async () => {
    await blockSpringPromoFlow();
    const result = await write(
      campaignConfig(),
      lines(
        record(1, "spring_promo"),
        record(2, "summer_news"),
        record(3, "spring_promo"),
        record(4, "summer_news"),
        streamState("campaign", 4),
      ),
      { catalog: CAMPAIGN_CATALOG },
    );
    expect(result.code).toBe(0);
    const rejected = ofType(result, "LOG")
      .map((m) => (m as { log: { level: string; message: string } }).log)
      .filter((l) => l.level === "WARN" && l.message.includes("ERR_CAMPAIGN_GUARD"))
      .map((l) => l.message);
    expect(rejected).toHaveLength(2);
    expect(rejected[0]).toMatch(
      new RegExp(
        `^Stream "campaign" record 1 \\(input line 1, to=…0001[^)]*\\) was rejected \\[code=ERR_CAMPAIGN_GUARD\\]: not sent: template "spring_promo" \\(en_US\\) opens Flow ${PUBLISHED_FLOW} \\(its FLOW button\\), which cannot be sent: health_status FLOW ${PUBLISHED_FLOW} is BLOCKED: The Flow's endpoint is unavailable\\. \\[139003\\]`,
      ),
    );
    expect(rejected[1]).toMatch(/^Stream "campaign" record 3 /);
    // The emulator's request log: no send of the BLOCKED Flow's template, both of the other one.
    expect(sends().map((e) => [e.recipient, e.template, e.wamid !== undefined])).toEqual([
      ["15554000002", "summer_news:en_US", true],
      ["15554000004", "summer_news:en_US", true],
    ]);
    // The Flow ids came from the one template list read; each Flow's health is read once.
    expect(routes().filter((r) => r === "list_templates")).toHaveLength(1);
    expect(routes().filter((r) => r === "list_flows")).toEqual([]);
    const healthReads = emu()
      .journal()
      .filter((e) => e.route === "get_flow")
      .map((e) => e.path.split("/").at(-1));
    expect(healthReads.sort()).toEqual([PUBLISHED_FLOW, TO_DEPRECATE[0]].sort());
  });

  it("with flow_health_guard off, no health is read and Meta refuses the BLOCKED Flow's template send (132068)", async () => {
    await blockSpringPromoFlow();
    const result = await write(
      campaignConfig({ guardrails: { flow_health_guard: "off" } }),
      lines(record(1, "spring_promo"), record(2, "summer_news"), streamState("campaign", 2)),
      { catalog: CAMPAIGN_CATALOG },
    );
    expect(result.code).toBe(0);
    expect(sends().map((e) => [e.recipient, e.errorCode])).toEqual([
      ["15554000001", 132068],
      ["15554000002", undefined],
    ]);
    expect(routes().filter((r) => r === "get_flow")).toEqual([]);
  });
});
