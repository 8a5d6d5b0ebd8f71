import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { ofType } from "../support/cli.js";
import {
  campaignCatalog,
  campaignThroughput,
  configFor,
  emulator,
  SPRING_PROMO,
  states,
  trace,
  write,
} from "./write-support.js";

/**
 * "A campaign that sends nothing is not green": a send_flow_template stream whose first 10 records
 * (or all its records, when it has fewer) are all rejected for one configuration-level cause stops the sync with a config_error naming the
 * stream and the template, and echoes no state past them; record-level rejections never do.
 */

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await emulator({ templates: [SPRING_PROMO] });
});
afterAll(async () => {
  await emu.close();
});

function campaignConfig(templateName: string, maxConcurrency = 4): Record<string, unknown> {
  return configFor(emu, {
    streams: [
      {
        stream_name: "campaign",
        endpoint: { template: "send_flow_template", template_name: templateName, language: "en_US" },
      },
    ],
    throughput: campaignThroughput(maxConcurrency),
  });
}

const CATALOG = campaignCatalog();

/** `count` recipients, each followed by a STATE of the stream: a state per record, to see which go out. */
function audience(count: number, to: (i: number) => string = (i) => `1555300${String(i).padStart(4, "0")}`) {
  const lines: string[] = [];
  for (let i = 1; i <= count; i++) {
    lines.push(
      JSON.stringify({
        type: "RECORD",
        record: {
          stream: "campaign",
          emitted_at: 1,
          data: { to: to(i), body_parameters: [`Customer ${i}`, `CODE${i}`] },
        },
      }),
      JSON.stringify({
        type: "STATE",
        state: {
          type: "STREAM",
          stream: { stream_descriptor: { name: "campaign" }, stream_state: { cursor: i } },
        },
      }),
    );
  }
  return `${lines.join("\n")}\n`;
}

const sends = () => emu.journal().filter((e) => e.route === "send");

describe("a campaign whose first records all fail for one config cause", () => {
  it("a misspelt template: the sync stops with a config_error naming the stream and the template, nothing sent", async () => {
    emu.reset();
    const result = await write(campaignConfig("sprng_promo"), audience(25), { catalog: CATALOG });
    expect(result.code).not.toBe(0);
    const error = trace(result);
    expect(error.failure_type).toBe("config_error");
    expect(error.message).toMatch(
      /^Stream "campaign": its first 10 records were all rejected because template "sprng_promo" \(en_US\) does not exist in WhatsApp Business Account \d+\./,
    );
    expect(error.message).toContain("create the template with create_flow_template");
    expect(ofType(result, "TRACE")).toHaveLength(1);
    // No state past the rejected records: once the template is fixed, the next sync sends them all.
    expect(states(result)).toEqual([]);
    expect(sends()).toEqual([]);
  });

  it("Meta refusing the template (132001) when the list could not be read stops it as well", async () => {
    emu.reset();
    // The template list fails (the sync goes on, checked by Meta alone): every send answers 132001.
    emu.setFaults([{ route: "list_templates", status: 500, code: 2, is_transient: true }]);
    try {
      const result = await write(campaignConfig("sprng_promo", 2), audience(60), { catalog: CATALOG });
      expect(result.code).not.toBe(0);
      const error = trace(result);
      expect(error.failure_type).toBe("config_error");
      expect(error.message).toMatch(
        /^Stream "campaign": its first 10 records were all rejected because Meta refused template "sprng_promo" \(en_US\): .*\(Graph error 132001\)/,
      );
      expect(states(result)).toEqual([]);
      // It stopped reading: the rest of the audience was never tried.
      expect(sends().length).toBeGreaterThanOrEqual(10);
      expect(sends().length).toBeLessThan(60);
    } finally {
      emu.setFaults([]);
    }
  });

  it("a campaign shorter than the rule reads, to a misspelt template, is not green either", async () => {
    emu.reset();
    const result = await write(campaignConfig("sprng_promo"), audience(5), { catalog: CATALOG });
    expect(result.code).not.toBe(0);
    const error = trace(result);
    expect(error.failure_type).toBe("config_error");
    expect(error.message).toMatch(
      /^Stream "campaign": all its 5 records were rejected because template "sprng_promo" \(en_US\) does not exist/,
    );
    expect(states(result)).toEqual([]);
    expect(sends()).toEqual([]);
  });

  it("record-level rejections (bad phone numbers) keep today's behaviour: reported, states echoed, exit 0", async () => {
    emu.reset();
    const result = await write(
      campaignConfig("spring_promo"),
      audience(12, (i) => (i <= 11 ? "12" : "15553009999")),
      { catalog: CATALOG },
    );
    expect(result.code).toBe(0);
    expect(ofType(result, "TRACE")).toEqual([]);
    expect(states(result)).toHaveLength(12);
    expect(sends()).toHaveLength(1);
  });

  it("the right template sends the whole audience", async () => {
    emu.reset();
    const result = await write(campaignConfig("spring_promo"), audience(12), { catalog: CATALOG });
    expect(result.code).toBe(0);
    expect(states(result)).toHaveLength(12);
    expect(sends().filter((e) => e.status === 200)).toHaveLength(12);
  });
});
