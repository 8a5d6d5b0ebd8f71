// The campaign: one stream mapped to send_flow_template, a marketing template with a
// FLOW button to distinct customers outside the 24-hour window, on a number of the HIGH
// throughput level. The emulator enforces the window, the level's rate (130429) and, at an
// unlimited messaging tier, still counts every business-initiated recipient.
import { PHONE_ID } from "./paths.mjs";

export const CAMPAIGN_STREAM = "campaign";
export const CAMPAIGN_LEVEL = "HIGH";
const FLOW_ID = "900000000000101";
const TEMPLATE = "bench_spring_promo";
const LANGUAGE = "en_US";
/** How the emulator's journal names a send of the campaign's template. */
export const CAMPAIGN_TEMPLATE_KEY = `${TEMPLATE}:${LANGUAGE}`;

/** The emulator's options for the campaign: seeded so that a reset restores all of it. */
export const CAMPAIGN_EMULATOR = {
  phoneNumbers: { [PHONE_ID]: { throughputLevel: CAMPAIGN_LEVEL } },
  throughputByLevel: true,
  customerServiceWindow: "enforced",
  messagingLimit: "TIER_UNLIMITED",
  // Every send of a 100k campaign, and the 130429 answers should there be any, stay visible.
  journalLimit: 1_000_000,
  flows: [{ id: FLOW_ID, name: "bench_spring_booking", status: "PUBLISHED" }],
  templates: [
    {
      name: TEMPLATE,
      language: LANGUAGE,
      category: "MARKETING",
      components: [
        {
          type: "BODY",
          text: "Hi {{1}}, spring appointments are open: book with code {{2}} for 10% off.",
          example: { body_text: [["Ana", "SPRING10"]] },
        },
        { type: "BUTTONS", buttons: [{ type: "FLOW", text: "Book now", flow_id: FLOW_ID }] },
      ],
    },
  ],
};

/** The stream's endpoint: the template is the stream's, each record says whom and with what. */
export const CAMPAIGN_ENDPOINT = {
  template: "send_flow_template",
  template_name: TEMPLATE,
  language: LANGUAGE,
};

/** The `data` of record i: a customer, its body parameters and the Flow's first-screen data. */
export function campaignRecord(i) {
  return {
    to: `+1555${String(i % 10_000_000).padStart(7, "0")}`,
    body_parameters: [`Customer ${i}`, `SPRING${i}`],
    flow_token: `bench-campaign-${i}`,
    flow_action_data: { customer_id: `C${i}`, first_name: "Sam" },
  };
}

/** Meta's messages per second of the HIGH level: the pace `auto` must find, and the limit. */
export const LEVEL_RATE = 1000;
