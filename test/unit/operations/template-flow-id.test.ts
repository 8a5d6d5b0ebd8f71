import { describe, expect, it } from "vitest";
import { templateFlowId, templateInfoOf } from "../../../src/operations/graph-calls/template-catalog.js";

/** One entry of Meta's template list with the given buttons. */
const listed = (buttons: unknown[]) =>
  templateInfoOf({
    id: "1",
    name: "offer",
    language: "en_US",
    status: "APPROVED",
    category: "MARKETING",
    components: [
      { type: "BODY", text: "Hi" },
      { type: "BUTTONS", buttons },
    ],
  });

describe("the Flow a template's FLOW button opens, from the template list", () => {
  it("reads flow_id as Meta's list answers give it (a JSON number) or as a string, by button index", () => {
    const info = listed([
      { type: "QUICK_REPLY", text: "Stop" },
      { type: "FLOW", text: "Open", flow_id: 1079254650791678, flow_action: "NAVIGATE" },
      { type: "flow", text: "Other", flow_id: "900000000000001" },
    ]);
    expect(info?.flowButtons).toEqual([1, 2]);
    expect(templateFlowId(info, 1)).toBe("1079254650791678");
    expect(templateFlowId(info, 2)).toBe("900000000000001");
    // Index 0 is not a FLOW button; index 5 does not exist.
    expect(templateFlowId(info, 0)).toBeUndefined();
    expect(templateFlowId(info, 5)).toBeUndefined();
  });

  it("names no Flow when the list gives none usable: no flow_id, a number beyond 2^53, a non-numeric id", () => {
    const info = listed([
      { type: "FLOW", text: "A", flow_json: "{}" },
      { type: "FLOW", text: "B", flow_id: 2 ** 53 + 2 },
      { type: "FLOW", text: "C", flow_id: "not-an-id" },
    ]);
    expect(info?.flowButtons).toEqual([0, 1, 2]);
    expect([0, 1, 2].map((i) => templateFlowId(info, i))).toEqual([undefined, undefined, undefined]);
    expect(info?.flowIds).toBeUndefined();
    expect(templateFlowId(undefined, 0)).toBeUndefined();
  });
});
