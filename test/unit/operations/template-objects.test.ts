import { describe, expect, it } from "vitest";
import {
  isSendableFlowTemplate,
  templateObjectEndpoint,
  templateObjectName,
  templateObjectOperation,
} from "../../../src/operations/catalog/template-objects.js";
import { CallTally } from "../../../src/operations/contract/call-tally.js";
import { templateInfoOf } from "../../../src/operations/graph-calls/template-catalog.js";
import { compileRecordCheck } from "../../../src/operations/records/record-check.js";

const info = templateInfoOf({
  id: "1",
  name: "order__update",
  language: "en_US",
  status: "APPROVED",
  category: "UTILITY",
  components: [
    { type: "HEADER", format: "TEXT", text: "Order {{1}}" },
    { type: "BODY", text: "{{1}}, your order {{2}} ships {{3}}" },
    { type: "BUTTONS", buttons: [{ type: "FLOW", text: "Track", flow_id: "9" }] },
  ],
})!;

describe("a template's own object (live discover)", () => {
  it("is named from the template's name and language, and the name splits back at the last __", () => {
    expect(templateObjectName(info)).toBe("send_flow_template__order__update__en_US");
    expect(templateObjectEndpoint(templateObjectName(info))).toEqual({
      template: "send_flow_template",
      template_name: "order__update",
      language: "en_US",
    });
    expect(templateObjectEndpoint("send_published_flow")).toBeUndefined();
    expect(templateObjectEndpoint("send_flow_template__x__")).toBeUndefined();
  });

  it("lists exactly the template's parameters as required fields", () => {
    const op = templateObjectOperation(info);
    expect(op.sync_mode).toBe("append");
    expect(op.json_schema.required).toEqual(["to", "header_1", "body_1", "body_2", "body_3"]);
    expect(Object.keys(op.json_schema.properties as object)).toEqual([
      "to",
      "phone_number_id",
      "flow_token",
      "flow_action_data",
      "header_1",
      "body_1",
      "body_2",
      "body_3",
      "button_index",
    ]);
    expect(op.json_schema.additionalProperties).toBe(false);
  });

  it("is offered only for APPROVED templates with a FLOW button", () => {
    expect(isSendableFlowTemplate(info)).toBe(true);
    expect(isSendableFlowTemplate({ ...info, status: "PENDING" })).toBe(false);
    expect(isSendableFlowTemplate({ ...info, flowButtons: [] })).toBe(false);
  });
});

// The read-time check is the static schema's: a template object's record passes it.
it("a template object's record passes send_flow_template's read-time check once the template is fixed", async () => {
  const { sendFlowTemplateDefinition } = await import(
    "../../../src/operations/messages/send-flow-template.js"
  );
  const check = compileRecordCheck(sendFlowTemplateDefinition.record!, ["template_name", "language"]);
  const context = {
    stream: {
      name: "s",
      namespace: undefined,
      key: "s",
      endpoint: { template: "x" },
      configPath: "p",
      syncMode: "append",
    },
    recordIndex: 1,
    lineNumber: 1,
    calls: new CallTally(),
  };
  expect(() => check({ to: "15550001111", header_1: "A", body_1: "b" }, context)).not.toThrow();
});
