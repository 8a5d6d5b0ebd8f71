import { describe, expect, it } from "vitest";
import { validateFlowJson } from "../../../src/flow-json/index.js";
import { complete, type Json, nav, screen } from "./support/flows.js";

// Regressions for issue 9 item 7: shapes of real public Flows that Meta accepts.
const endpointFlow = (screens: unknown[], routing_model: Json) => ({
  version: "7.0",
  data_api_version: "3.0",
  routing_model,
  screens,
});

describe("routing model: a screen listed only as a target", () => {
  it("accepts a terminal screen that is a target but not a key", () => {
    const doc = endpointFlow([screen("A", [nav("DONE")]), screen("DONE", [complete], { terminal: true })], {
      A: ["DONE"],
    });
    expect(validateFlowJson(doc).errors).toEqual([]);
  });

  it("still rejects a target-only screen whose own navigate action has no route", () => {
    const doc = endpointFlow(
      [screen("A", [nav("B")]), screen("B", [nav("C")]), screen("C", [complete], { terminal: true })],
      { A: ["B"] },
    );
    const messages = validateFlowJson(doc).errors.map((e) => e.message);
    expect(messages).toContainEqual(
      expect.stringContaining("Missing direct route from screen 'B' to screen 'C'"),
    );
  });
});

describe("Form init-values bound to ${data.…}", () => {
  const form = (initValues: unknown) => ({
    type: "Form",
    name: "f",
    "init-values": initValues,
    children: [{ type: "TextInput", name: "first_name", label: "Name" }, complete],
  });

  it("accepts init-values bound to declared data, with no warning", () => {
    const doc = endpointFlow(
      [
        screen("A", [form("${data.init_values}")], {
          terminal: true,
          data: { init_values: { type: "object", __example__: { first_name: "Ana" } } },
        }),
      ],
      { A: [] },
    );
    const result = validateFlowJson(doc);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it("warns instead of rejecting when the bound data is not declared, with its position", () => {
    const text = JSON.stringify(
      endpointFlow([screen("A", [form("${data.init_values}")], { terminal: true })], { A: [] }),
      null,
      2,
    );
    const result = validateFlowJson(text);
    expect(result.valid).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    const [warning] = result.warnings;
    expect(warning?.pointers[0]?.path).toBe('screens[0].layout.children[0]["init-values"]');
    const line = text.split("\n")[(warning?.line_start ?? 0) - 1] ?? "";
    expect(line.trim()).toBe('"init-values": "${data.init_values}",');
  });

  it("also only warns for an undeclared field inside an init-values object", () => {
    const doc = endpointFlow([screen("A", [form({ first_name: "${data.name}" })], { terminal: true })], {
      A: [],
    });
    const result = validateFlowJson(doc);
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.error)).toEqual(["INVALID_SCREEN_DATA"]);
  });

  it("still rejects undeclared data outside a Form's defaults", () => {
    const doc = endpointFlow(
      [screen("A", [{ type: "TextBody", text: "${data.missing}" }, complete], { terminal: true })],
      { A: [] },
    );
    expect(validateFlowJson(doc).errors.map((e) => e.error)).toEqual(["INVALID_SCREEN_DATA"]);
  });
});
