import type { RecordContext } from "../contract/operation.js";
import { readFlowJson } from "../flows/flow-json-input.js";
import { readFlowAction } from "../messages/send-shorthand.js";
import {
  fieldError,
  isAbsent,
  optionalString,
  type RecordData,
  readId,
  recordError,
  requireString,
} from "../records/record-fields.js";
import { TEMPLATE_LIMITS } from "./template-limits.js";

const FLOW_REFERENCES = ["flow_id", "flow_name", "flow_json"] as const;

export interface FlowButton {
  readonly button: Record<string, unknown>;
  /** The inline Flow JSON's warnings from the local validator; empty otherwise. */
  readonly warnings: readonly string[];
}

/**
 * The template's one FLOW button. It opens a Flow named by `flow_id` or `flow_name`, or one the
 * template carries inline (`flow_json`, as Meta's own example does): that Flow JSON is validated
 * locally first, as create_flow validates it, and must be publishable, since a template sends
 * only a PUBLISHED Flow.
 */
export function flowButton(record: RecordData, context: RecordContext): FlowButton {
  const button: Record<string, unknown> = {
    type: "FLOW",
    text: requireString(record.button_text, "button_text", context, TEMPLATE_LIMITS.button),
  };
  const given = FLOW_REFERENCES.filter((field) => !isAbsent(record[field]));
  if (given.length !== 1) {
    throw recordError(
      context,
      given.length === 0
        ? 'field "flow_id", "flow_name" or "flow_json" is required'
        : `fields ${given.map((f) => `"${f}"`).join(" and ")} are both set: give exactly one of flow_id, flow_name and flow_json`,
      given[0] ?? "flow_id",
    );
  }
  let warnings: readonly string[] = [];
  let screens: readonly string[] | undefined;
  if (given[0] === "flow_id") button.flow_id = readId(record.flow_id, "flow_id", context);
  else if (given[0] === "flow_name") button.flow_name = requireString(record.flow_name, "flow_name", context);
  else {
    const flowJson = readFlowJson(record.flow_json, "flow_json", context, true);
    button.flow_json = flowJson.text;
    warnings = flowJson.warnings;
    screens = screenIds(flowJson.text);
  }
  const action = readFlowAction(record.flow_action, "flow_action", context);
  const screen = optionalString(record.navigate_screen, "navigate_screen", context);
  if (screen !== undefined) {
    if (action === "data_exchange") {
      throw fieldError(context, "navigate_screen", 'must be absent when flow_action is "data_exchange"');
    }
    if (screens !== undefined && !screens.includes(screen)) {
      throw fieldError(
        context,
        "navigate_screen",
        `names a screen the record's flow_json does not hold (its screens: ${screens.join(", ")})`,
      );
    }
    button.navigate_screen = screen;
  }
  button.flow_action = action;
  return { button, warnings };
}

/** The screen ids of a Flow JSON the validator has passed (so it parses and has screens). */
function screenIds(text: string): readonly string[] {
  const doc = JSON.parse(text) as { screens?: ReadonlyArray<{ id?: unknown }> };
  return (doc.screens ?? []).map((s) => s.id).filter((id): id is string => typeof id === "string");
}
