import { describe, expect, it } from "vitest";
import { compileOperation } from "../../../src/operations/catalog/registry.js";
import { createOperationEnv } from "../../../src/operations/contract/operation-env.js";
import { MAX_FLOW_JSON_BYTES } from "../../../src/operations/flows/flow-json-input.js";
import { MINIMAL_FLOW_JSON } from "../../support/flow-json.js";
import { ctx, FakeClient, makeConfig, rejection } from "./support/fixtures.js";

/**
 * The rules that refuse a record before any call: the recipient of every send, the text of a
 * template's parameters (Meta's 132018) and the size of a Flow JSON (Meta's 10 MB). Each plan is
 * made the way the pipeline makes it (record schema check, then the operation's own reading).
 */
const client = new FakeClient();
const env = createOperationEnv(makeConfig(), client);
const planOf = (endpoint: { template: string; [k: string]: unknown }) => {
  const operation = compileOperation(env, endpoint, "streams[0].endpoint");
  return (record: Record<string, unknown>) => operation.plan(record, ctx("rows", 4, endpoint)) as unknown;
};

const sendRecords = {
  send_published_flow: (to: unknown) => ({ to, flow_id: "1", flow_cta: "Go", body: "Hi" }),
  send_draft_flow: (to: unknown) => ({ to, flow_name: "signup", flow_cta: "Go", body: "Hi" }),
  send_flow_template: (to: unknown) => ({ to, template_name: "spring", body_parameters: ["a"] }),
  "send_published_flow (full body)": (to: unknown) => ({
    messaging_product: "whatsapp",
    to,
    type: "interactive",
    interactive: {
      type: "flow",
      body: { text: "Hi" },
      action: { name: "flow", parameters: { flow_cta: "Go", flow_id: "5" } },
    },
  }),
} as const;

const templateOf = (name: keyof typeof sendRecords) => name.replace(" (full body)", "");

/** The `to` a planned send puts in its JSON body. */
const sentTo = (plan: unknown) =>
  (plan as { request: { body: { value: { to: string } } } }).request.body.value.to;

describe("the recipient of every send", () => {
  const accepted: Array<[unknown, string]> = [
    ["+447700900123", "+447700900123"],
    ["447700900123", "+447700900123"],
    ["+1 (555) 000-1111", "+15550001111"],
    ["+44 7700 900123", "+447700900123"],
    ["(555) 000-1111 22", "+555000111122"],
    ["12345678", "+12345678"],
    ["123456789012345", "+123456789012345"],
    [447700900123, "+447700900123"],
  ];
  const refused: unknown[] = [
    "abc",
    "4".repeat(40),
    "+0000",
    "+0447700900123",
    "1234567",
    "1234567890123456",
    "447700900123\n",
    "447700900123\r",
    " +447700900123",
    "+447700900123 ",
    "++447700900123",
    "+44.7700.900123",
    "+44/7700/900123",
    "４４７７００９００１２３",
    "٤٤٧٧٠٠٩٠٠١٢٣",
    "\u200e+447700900123",
    "+447700900123\u202c",
    "\u2066447700900123\u2069",
    "\u0000447700900123",
    "44770\t0900123",
    "",
    1234567,
    -447700900123,
    4477009001.5,
    1e20,
    true,
    ["447700900123"],
  ];

  for (const name of Object.keys(sendRecords) as Array<keyof typeof sendRecords>) {
    it(`${name}: accepts an international number and sends it as "+" and its digits`, () => {
      const plan = planOf({ template: templateOf(name) });
      for (const [to, sent] of accepted) expect(sentTo(plan(sendRecords[name](to))), String(to)).toBe(sent);
    });

    it(`${name}: refuses anything else before any call, naming stream, record and field`, () => {
      const plan = planOf({ template: templateOf(name) });
      for (const to of refused) {
        const error = rejection(() => plan(sendRecords[name](to)));
        expect(error.field, JSON.stringify(to)).toBe("to");
        expect(error.message).toMatch(
          /^stream "rows" record 4: field "to" must be (an international phone number|a phone number with its country code)/,
        );
      }
      expect(rejection(() => plan(sendRecords[name](undefined))).message).toContain('"to" is required');
      expect(client.requests).toHaveLength(0);
    });
  }
});

describe("the text of a template's parameters (Meta's 132018)", () => {
  const plan = planOf({ template: "send_flow_template" });
  const base = { to: "+447700900123", template_name: "spring" };
  const accepted = ["Ana", "a    b", "é 😀 ok", "ﺍﻟﻌﺮﺑﻴﺔ \u200f", "line one. line two"];
  const refused = [
    "a\nb",
    "a\r\nb",
    "a\rb",
    "a\tb",
    "a\u0000b",
    "\u001b[31mred",
    "a     b",
    "x\u2028y",
    "\u007f",
    "\u0085",
  ];

  it("accepts text within Meta's rule, as list items, parameter objects and numbered fields", () => {
    for (const text of accepted) {
      expect(() => plan({ ...base, body_parameters: [text, { type: "text", text }] })).not.toThrow();
      expect(() => plan({ ...base, header_parameters: [text] })).not.toThrow();
      expect(() => plan({ ...base, body_1: text, body_2: 7 })).not.toThrow();
    }
  });

  it("refuses line breaks, tabs, control characters and runs of five spaces, naming the field", () => {
    for (const text of refused) {
      const label = JSON.stringify(text);
      expect(rejection(() => plan({ ...base, body_parameters: ["ok", text] })).field, label).toBe(
        "body_parameters[1]",
      );
      expect(rejection(() => plan({ ...base, body_parameters: [{ type: "text", text }] })).field, label).toBe(
        "body_parameters[0].text",
      );
      expect(rejection(() => plan({ ...base, header_parameters: JSON.stringify([text]) })).field).toBe(
        "header_parameters[0]",
      );
      const numbered = rejection(() => plan({ ...base, body_1: "ok", body_2: text }));
      expect(numbered.field).toBe("body_2");
      expect(numbered.message).toContain('stream "rows" record 4: field "body_2" must hold no line breaks');
      expect(numbered.message).toContain("132018");
    }
    expect(client.requests).toHaveLength(0);
  });
});

describe("the size of a Flow JSON (Meta's 10 MB)", () => {
  /** Valid JSON text of exactly `bytes` UTF-8 bytes, `unit` repeated in a string member. */
  const flowJsonText = (bytes: number, unit = "x") => {
    const head = JSON.stringify(MINIMAL_FLOW_JSON).slice(0, -1);
    const frame = Buffer.byteLength(`${head},"pad":""}`);
    const units = Math.floor((bytes - frame) / Buffer.byteLength(unit));
    const text = `${head},"pad":"${unit.repeat(units)}"}`;
    return text + " ".repeat(bytes - Buffer.byteLength(text));
  };
  const over = flowJsonText(MAX_FLOW_JSON_BYTES + 1);
  // Fewer characters than the limit, more bytes: the limit is on the file's UTF-8 bytes.
  const overInBytes = flowJsonText(MAX_FLOW_JSON_BYTES + 2, "é");
  const cases = [
    ["create_flow", { name: "big", categories: ["OTHER"] }, "flow_json"],
    ["update_flow_json", { flow_id: "1" }, "flow_json"],
    ["update_flow_json", { flow_id: "1" }, "file_content"],
    ["deploy_flow", { name: "big", categories: ["OTHER"] }, "flow_json"],
  ] as const;

  it.each(cases)(
    "%s refuses a %s over the limit before any call, naming the field",
    (template, record, field) => {
      const plan = planOf({ template });
      expect(overInBytes.length).toBeLessThan(MAX_FLOW_JSON_BYTES);
      for (const text of [over, overInBytes]) {
        const error = rejection(() => plan({ ...record, [field]: text }));
        expect(error.field).toBe(field);
        expect(error.message).toBe(
          `stream "rows" record 4: field "${field}" is ${Buffer.byteLength(text)} bytes as UTF-8, over Meta's limit of ${MAX_FLOW_JSON_BYTES} bytes (10 MB) for a Flow JSON: split the Flow or trim its data`,
        );
      }
      if (field === "flow_json") {
        const object = JSON.parse(over) as Record<string, unknown>;
        expect(rejection(() => plan({ ...record, flow_json: object })).message).toContain(
          "over Meta's limit",
        );
      }
      expect(client.requests).toHaveLength(0);
    },
  );

  it("accepts a Flow JSON of exactly the limit", () => {
    const atLimit = flowJsonText(MAX_FLOW_JSON_BYTES);
    expect(Buffer.byteLength(atLimit)).toBe(MAX_FLOW_JSON_BYTES);
    expect(() =>
      planOf({ template: "update_flow_json" })({ flow_id: "1", file_content: atLimit }),
    ).not.toThrow();
  });
});
