import { describe, expect, it } from "vitest";
import { validateFlowJson } from "../../../src/flow-json/index.js";

import { complete, footer, type Json, nav, screen } from "./support/flows.js";

const flow = (screens: unknown[], extra: Json = {}) => ({ version: "7.3", ...extra, screens });
const codes = (doc: string | object, publish = false) =>
  validateFlowJson(doc, { requirePublishable: publish }).errors.map((e) => e.error);

const ok = flow([screen("A", [nav("B")]), screen("B", [complete], { terminal: true })]);

describe("Flow JSON rules (one invalid case per rule)", () => {
  it("accepts the baseline", () => expect(codes(ok)).toEqual([]));

  it.each<[string, string | object, string, boolean?]>([
    ["text that is not JSON", '{"version": "7.3",', "INVALID_FLOW_JSON"],
    ["a root that is not an object", "[]", "INVALID_FLOW_JSON"],
    ["no version", { screens: ok.screens }, "MISSING_FLOW_JSON_VERSION"],
    ["a version missing from Meta's list", { ...ok, version: "6.4" }, "INVALID_FLOW_JSON_VERSION"],
    [
      "an unpublishable version when publishing",
      { ...ok, version: "3.1" },
      "UNSUPPORTED_FLOW_JSON_VERSION",
      true,
    ],
    [
      "an unknown data API version",
      { ...ok, data_api_version: "1.0", routing_model: { A: ["B"], B: [] } },
      "INVALID_DATA_API_VERSION",
    ],
    ["data_channel_uri from 3.0", { ...ok, data_channel_uri: "https://x.example" }, "INVALID_PROPERTY_KEY"],
    ["no screens", { version: "7.3", screens: [] }, "MIN_ITEMS_REQUIRED"],
    [
      "over 100 screens",
      flow(Array.from({ length: 101 }, () => screen("X", [complete], { terminal: true }))),
      "MAX_SCREENS_NUMBER",
    ],
    [
      "duplicate screen ids",
      flow([screen("A", [complete], { terminal: true }), screen("A", [complete], { terminal: true })]),
      "DUPLICATE_SCREEN_IDS",
    ],
    ["a screen id with digits", flow([screen("A1", [complete], { terminal: true })]), "PATTERN_MISMATCH"],
    [
      "the reserved SUCCESS id",
      flow([screen("SUCCESS", [complete], { terminal: true })]),
      "SCREEN_ID_IS_RESERVED_KEYWORD",
    ],
    ["no terminal screen", flow([screen("A", [nav("B")]), screen("B", [])]), "MISSING_TERMINAL_SCREEN"],
    [
      "a terminal screen without Footer",
      flow([screen("A", [{ type: "TextBody", text: "x" }], { terminal: true })]),
      "MISSING_FOOTER_ON_TERMINAL_SCREEN",
    ],
    [
      "two Footers on a screen",
      flow([screen("A", [complete, complete], { terminal: true })]),
      "COMPONENT_TYPE_MAX_NUMBER_PER_SCREEN",
    ],
    [
      "success on a non-terminal screen",
      flow([screen("A", [nav("B")], { success: true }), screen("B", [complete], { terminal: true })]),
      "NOT_KEYWORD_SCHEMA_VALIDATION_FAILED",
    ],
    [
      "complete on a non-terminal screen",
      flow([screen("A", [complete]), screen("B", [complete], { terminal: true })]),
      "INVALID_COMPLETE_ACTION",
    ],
    [
      "navigate to an unknown screen",
      flow([screen("A", [nav("NOPE")]), screen("B", [complete], { terminal: true })]),
      "INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME",
    ],
    [
      "navigate to the same screen",
      flow([screen("A", [nav("A")], { terminal: true })]),
      "INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME",
    ],
    [
      "routing model naming an unknown screen",
      { ...ok, data_api_version: "3.0", routing_model: { A: ["B", "Z"], B: [] } },
      "INVALID_ROUTING_MODEL",
    ],
    [
      "routing model missing a screen (neither a key nor a target)",
      flow([...ok.screens, screen("C", [complete], { terminal: true })], {
        data_api_version: "3.0",
        routing_model: { A: ["B"], B: [] },
      }),
      "INVALID_ROUTING_MODEL",
    ],
    [
      "routing model with a backward route",
      { ...ok, data_api_version: "3.0", routing_model: { A: ["B"], B: ["A"] } },
      "INVALID_ROUTING_MODEL",
    ],
    [
      "routing model without a route used by navigate",
      { ...ok, data_api_version: "3.0", routing_model: { A: [], B: [] } },
      "INVALID_ROUTING_MODEL",
    ],
    [
      "navigate loop leaving no entry screen",
      flow([screen("A", [nav("B")]), screen("B", [nav("A")], { terminal: true })]),
      "INVALID_ROUTING_MODEL",
    ],
    [
      "data_exchange without data_api_version",
      flow([screen("A", [footer({ name: "data_exchange", payload: {} })], { terminal: true })]),
      "MISSING_REQUIRED_PROPERTY",
    ],
    [
      "data_api_version without routing_model",
      { ...ok, data_api_version: "3.0" },
      "MISSING_REQUIRED_PROPERTY",
    ],
    [
      "over 50 components",
      flow([
        screen("A", [...Array.from({ length: 50 }, () => ({ type: "TextBody", text: "x" })), complete], {
          terminal: true,
        }),
      ]),
      "MAX_ALLOWED_COMPONENTS_PER_SCREEN",
    ],
    [
      "duplicate Form names",
      flow([
        screen(
          "A",
          [
            {
              type: "Form",
              name: "f",
              children: [
                { type: "TextInput", name: "n", label: "a" },
                { type: "TextInput", name: "n", label: "b" },
                complete,
              ],
            },
          ],
          { terminal: true },
        ),
      ]),
      "DUPLICATE_FORM_COMPONENT_NAMES",
    ],
    [
      "an undeclared ${data.x}",
      flow([screen("A", [{ type: "TextBody", text: "${data.x}" }, complete], { terminal: true, data: {} })]),
      "INVALID_SCREEN_DATA",
    ],
    [
      "an unknown ${form.x} in a payload",
      flow([screen("A", [footer({ name: "complete", payload: { v: "${form.x}" } })], { terminal: true })]),
      "INVALID_ON_CLICK_ACTION_PAYLOAD",
    ],
  ])("rejects %s", (_name, doc, code, publish) => {
    expect(codes(doc, publish === true)).toContain(code);
  });

  it("treats an empty routing_model of an endpoint Flow as no declared routes (Meta's DatePicker/CalendarPicker examples)", () => {
    expect(codes({ ...ok, data_api_version: "3.0", routing_model: {} })).toEqual([]);
    const loop = flow([screen("A", [nav("B")]), screen("B", [nav("A")], { terminal: true })], {
      data_api_version: "3.0",
      routing_model: {},
    });
    expect(codes(loop)).toContain("INVALID_ROUTING_MODEL");
  });

  it("allows the same name in alternative If branches and counts one Footer across them", () => {
    const branchy = flow([
      screen(
        "A",
        [
          {
            // JSON text: an object literal with a `then` key is flagged as a thenable.
            ...(JSON.parse(
              `{"type":"If","condition":"\${data.b}","then":[{"type":"TextInput","name":"n","label":"x"},${JSON.stringify(complete)}],"else":[{"type":"TextArea","name":"n","label":"y"},${JSON.stringify(complete)}]}`,
            ) as object),
          },
        ],
        {
          terminal: true,
          data: { b: { type: "boolean", __example__: true } },
        },
      ),
    ]);
    expect(codes(branchy)).toEqual([]);
  });

  it("points at the offending value with its JSON path and line/column", () => {
    const text = JSON.stringify(
      flow([screen("A", [nav("NOPE")]), screen("B", [complete], { terminal: true })]),
      null,
      2,
    );
    const error = validateFlowJson(text).errors.find(
      (e) => e.error === "INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME",
    );
    expect(error?.pointers[0]?.path).toBe('screens[0].layout.children[0]["on-click-action"].next.name');
    const line = text.split("\n")[(error?.line_start ?? 0) - 1] ?? "";
    expect(line.slice((error?.column_start ?? 1) - 1, error?.column_end)).toBe('"name": "NOPE"');
  });

  it("gives the line and column of a parse error", () => {
    const [error] = validateFlowJson('{\n  "version": "7.3",\n  "screens": [,]\n}').errors;
    expect(error).toMatchObject({ error: "INVALID_FLOW_JSON", line_start: 3, column_start: 15 });
  });

  it("validates a ~5 KB flow many times without pathological slowdown", () => {
    const big = JSON.stringify(
      flow([
        ...Array.from({ length: 12 }, (_, i) =>
          screen(`S${"_".repeat(i + 1)}X`.replace(/\d/g, ""), [nav("END")]),
        ),
        screen("END", [complete], { terminal: true }),
      ]),
    );
    for (let i = 0; i < 200; i++) validateFlowJson(big);
    expect(big.length).toBeGreaterThan(2000);
  });
});
