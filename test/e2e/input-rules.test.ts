import { describe, expect, it } from "vitest";
import { ofType } from "../support/cli.js";
import { MINIMAL_FLOW_JSON } from "../support/flow-json.js";
import {
  configFor,
  emulatorForFile,
  lines,
  PUBLISHED_FLOW,
  SPRING_PROMO,
  states,
  write,
} from "./write-support.js";

/**
 * Records the connector refuses before any call (an impossible recipient, a template parameter
 * Meta would refuse, a Flow JSON over 10 MB): each is reported in a WARN LOG naming stream, record
 * and field, the emulator's journal shows no call for it, and the rest of the sync goes on.
 */
const emu = emulatorForFile({ templates: [SPRING_PROMO] });

const STREAMS = { invites: "send_published_flow", campaign: "send_flow_template", flows: "create_flow" };

const config = () =>
  configFor(emu(), {
    streams: Object.entries(STREAMS).map(([stream_name, template]) => ({
      stream_name,
      endpoint: { template },
    })),
  });

const catalog = {
  streams: Object.keys(STREAMS).map((name) => ({
    stream: { name, json_schema: {}, supported_sync_modes: ["full_refresh"] },
    sync_mode: "full_refresh",
    destination_sync_mode: "append",
  })),
};

const record = (stream: string, data: Record<string, unknown>) =>
  JSON.stringify({ type: "RECORD", record: { stream, data, emitted_at: 1 } });
const invite = (to: string) =>
  record("invites", { to, flow_id: PUBLISHED_FLOW, flow_cta: "Open", body: "Hi" });
const promo = (to: string, name: string) =>
  record("campaign", { to, template_name: "spring_promo", body_parameters: [name, "SAVE10"] });
const state = JSON.stringify({ type: "STATE", state: { data: { cursor: 1 } } });

describe("bad input is refused before any call (built CLI)", () => {
  it("each bad record is rejected with a WARN naming it; its call never happens; the sync goes on", async () => {
    const big = { ...MINIMAL_FLOW_JSON, pad: "x".repeat(11 * 1024 * 1024) };
    const result = await write(
      config(),
      lines(
        invite("+447700900001"),
        invite("abc"),
        invite("４４７７００９００１２３"),
        invite("447700900002\n"),
        invite("\u200e+447700900003"),
        promo("+447700900004", "Ana"),
        promo("+447700900005", "Ana\nBob"),
        promo("+447700900006", "Ana      Bob"),
        record("flows", { name: "too_big", categories: ["OTHER"], flow_json: big }),
        record("flows", { name: "fine", categories: ["OTHER"], flow_json: MINIMAL_FLOW_JSON }),
        state,
      ),
      { catalog },
    );
    expect(result.code).toBe(0);
    const warns = ofType(result, "LOG")
      .map((m) => (m as { log: { level: string; message: string } }).log)
      .filter((log) => log.level === "WARN")
      .map((log) => log.message);
    const expected = [
      ['Stream "invites" record 2 (input line 2', 'field "to"'],
      ['Stream "invites" record 3 (input line 3', 'field "to"'],
      ['Stream "invites" record 4 (input line 4', 'field "to"'],
      ['Stream "invites" record 5 (input line 5', 'field "to"'],
      ['Stream "campaign" record 2 (input line 7', 'field "body_parameters[0]"', "132018"],
      ['Stream "campaign" record 3 (input line 8', 'field "body_parameters[0]"', "132018"],
      ['Stream "flows" record 1 (input line 9', 'field "flow_json"', "over Meta's limit of 10485760 bytes"],
    ];
    for (const parts of expected) {
      const line = warns.find((w) => w.startsWith(parts[0]!));
      expect(line, parts[0]).toBeDefined();
      for (const part of parts) expect(line).toContain(part);
      expect(line).toContain("was rejected");
    }
    expect(warns).toHaveLength(expected.length);
    // No record content in the reports: neither the refused number nor the parameter.
    expect(warns.join("\n")).not.toContain("Ana");
    expect(states(result)).toHaveLength(1);
    expect(states(result)[0]!.state.destinationStats).toEqual({ recordCount: 10, rejectedRecordCount: 7 });

    const journal = emu().journal();
    const sent = journal.filter((e) => e.route === "send").map((e) => e.recipient);
    expect(sent.sort()).toEqual(["447700900001", "447700900004"]);
    const created = journal.filter((e) => e.route === "create").map((e) => e.name);
    expect(created).toEqual(["fine"]);
  });
});
