import type { RecordContext } from "../contract/operation.js";
import type { FlowRef } from "../graph-calls/config-cause.js";
import { readRecipient } from "../records/recipient.js";
import {
  fieldError,
  fromJsonText,
  isAbsent,
  isPlainObject,
  optionalString,
  type RecordData,
  readId,
  recordError,
  requireString,
} from "../records/record-fields.js";

export type SendMode = "draft" | "published";

/** Meta's limits for interactive Flow messages (Cloud API reference). */
export const LIMITS = { flowCta: 30, body: 1024, header: 60, footer: 60 } as const;

export interface BuiltMessage {
  readonly to: string;
  readonly body: Record<string, unknown>;
  /** The Flow the message opens, as it names it (Meta may refuse the Flow as such: 132068). */
  readonly flow?: FlowRef;
}

/**
 * The Cloud API interactive Flow message for a shorthand record (to, flow_id or flow_name,
 * flow_cta, body, header?, footer?, flow_token?, flow_action?, screen?, data?), in the field order
 * of Meta's collection. Built fresh: no copy of the record, no serialisation here.
 */
export function shorthandMessage(record: RecordData, context: RecordContext, mode: SendMode): BuiltMessage {
  const to = readRecipient(record.to, "to", context);
  const parameters: Record<string, unknown> = { flow_message_version: "3" };
  const flowAction = readFlowAction(record.flow_action, "flow_action", context);
  parameters.flow_action = flowAction;
  const flowToken = optionalString(record.flow_token, "flow_token", context);
  if (flowToken !== undefined) parameters.flow_token = flowToken;
  const reference = readFlowReference(record, context);
  Object.assign(parameters, reference);
  parameters.flow_cta = requireString(record.flow_cta, "flow_cta", context, LIMITS.flowCta);
  parameters.mode = mode;
  const payload = navigatePayload(flowAction, record.screen, record.data, context);
  if (payload !== undefined) parameters.flow_action_payload = payload;

  const interactive: Record<string, unknown> = { type: "flow" };
  const header = optionalString(record.header, "header", context, LIMITS.header);
  if (header !== undefined) interactive.header = { type: "text", text: header };
  interactive.body = { text: requireString(record.body, "body", context, LIMITS.body) };
  const footer = optionalString(record.footer, "footer", context, LIMITS.footer);
  if (footer !== undefined) interactive.footer = { text: footer };
  interactive.action = { name: "flow", parameters };
  return {
    to,
    flow: "flow_id" in reference ? { id: reference.flow_id } : { name: reference.flow_name },
    body: {
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to,
      type: "interactive",
      interactive,
    },
  };
}

/** Exactly one of `flow_id` and `flow_name`, as the field Meta's body takes. */
export function readFlowReference(
  record: RecordData,
  context: RecordContext,
): { readonly flow_id: string } | { readonly flow_name: string } {
  const hasId = !isAbsent(record.flow_id);
  if (hasId === !isAbsent(record.flow_name)) {
    throw recordError(
      context,
      hasId
        ? 'fields "flow_id" and "flow_name" are both set: give exactly one'
        : 'field "flow_id" or "flow_name" is required',
      "flow_id",
    );
  }
  return hasId
    ? { flow_id: readId(record.flow_id, "flow_id", context) }
    : { flow_name: requireString(record.flow_name, "flow_name", context) };
}

export function readFlowAction(
  value: unknown,
  field: string,
  context: RecordContext,
): "navigate" | "data_exchange" {
  if (isAbsent(value)) return "navigate";
  if (value === "navigate" || value === "data_exchange") return value;
  throw fieldError(context, field, 'must be "navigate" or "data_exchange"');
}

/**
 * `flow_action_payload` of a shorthand record: none for data_exchange (Meta refuses one there);
 * for navigate `{screen, data?}` when a screen is given, `data` being a non-empty object.
 */
function navigatePayload(
  flowAction: "navigate" | "data_exchange",
  screen: unknown,
  data: unknown,
  context: RecordContext,
): Record<string, unknown> | undefined {
  if (flowAction === "data_exchange") {
    if (!isAbsent(screen))
      throw fieldError(context, "screen", 'must be absent when flow_action is "data_exchange"');
    if (!isAbsent(data))
      throw fieldError(context, "data", 'must be absent when flow_action is "data_exchange"');
    return undefined;
  }
  if (isAbsent(screen)) {
    if (!isAbsent(data)) throw fieldError(context, "screen", "is required when data is given");
    return undefined;
  }
  const payload: Record<string, unknown> = { screen: requireString(screen, "screen", context) };
  if (!isAbsent(data)) payload.data = readData(data, "data", context);
  return payload;
}

/** A non-empty object, or its JSON text (warehouse sources hand JSON columns over as strings). */
export function readData(value: unknown, field: string, context: RecordContext): Record<string, unknown> {
  const data = fromJsonText(value);
  if (isPlainObject(data) && hasOwnKey(data)) return data;
  throw fieldError(context, field, "must be a non-empty object");
}

function hasOwnKey(object: Record<string, unknown>): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return true;
  return false;
}
