import type { RecordContext } from "../contract/operation.js";
import { readRecipient } from "../records/recipient.js";
import {
  fieldError,
  isAbsent,
  isPlainObject,
  optionalString,
  type RecordData,
  readId,
  recordError,
  requireString,
} from "../records/record-fields.js";
import { type BuiltMessage, LIMITS, readData, readFlowAction, type SendMode } from "./send-shorthand.js";

const P = "interactive.action.parameters";

/** A record that already is a Cloud API message body rather than the shorthand. */
export function isFullMessageBody(record: RecordData): boolean {
  return (
    record.messaging_product !== undefined ||
    record.type === "interactive" ||
    isPlainObject(record.interactive)
  );
}

function requireObject(value: unknown, field: string, context: RecordContext): Record<string, unknown> {
  if (isPlainObject(value)) return value;
  throw isAbsent(value)
    ? fieldError(context, field, "is required")
    : fieldError(context, field, "must be an object");
}

function requireConst(
  value: unknown,
  expected: string,
  field: string,
  context: RecordContext,
  optional = false,
): void {
  if (value === expected || (optional && value === undefined)) return;
  throw isAbsent(value) && !optional
    ? fieldError(context, field, `is required ("${expected}")`)
    : fieldError(context, field, `must be "${expected}"`);
}

/**
 * Validates a full interactive Flow message and forces the operation's mode. Only the objects on
 * the path to `parameters` are copied (shallowly), the rest of the record is passed through as
 * is; `phone_number_id`, which picks the sender, is not part of the body and is left out.
 */
export function fullBodyMessage(record: RecordData, context: RecordContext, mode: SendMode): BuiltMessage {
  requireConst(record.messaging_product, "whatsapp", "messaging_product", context, true);
  requireConst(record.recipient_type, "individual", "recipient_type", context, true);
  const to = readRecipient(record.to, "to", context);
  requireConst(record.type, "interactive", "type", context);
  const interactive = requireObject(record.interactive, "interactive", context);
  requireConst(interactive.type, "flow", "interactive.type", context);
  const body = requireObject(interactive.body, "interactive.body", context);
  requireString(body.text, "interactive.body.text", context, LIMITS.body);
  if (!isAbsent(interactive.header)) {
    const header = requireObject(interactive.header, "interactive.header", context);
    requireString(header.type, "interactive.header.type", context);
  }
  if (!isAbsent(interactive.footer)) {
    const footer = requireObject(interactive.footer, "interactive.footer", context);
    requireString(footer.text, "interactive.footer.text", context, LIMITS.footer);
  }
  const action = requireObject(interactive.action, "interactive.action", context);
  requireConst(action.name, "flow", "interactive.action.name", context);
  const parameters = requireObject(action.parameters, P, context);
  checkParameters(parameters, context, mode);

  const { phone_number_id: _sender, ...rest } = record;
  const forced: Record<string, unknown> = { ...parameters, flow_message_version: "3", mode };
  // Sources may type ids and phone numbers as numbers; Meta wants strings.
  if (typeof parameters.flow_id === "number") forced.flow_id = String(parameters.flow_id);
  return {
    to,
    flow: isAbsent(forced.flow_id) ? { name: String(forced.flow_name) } : { id: String(forced.flow_id) },
    body: {
      messaging_product: "whatsapp",
      recipient_type: "individual",
      ...rest,
      to,
      interactive: { ...interactive, action: { ...action, parameters: forced } },
    },
  };
}

function checkParameters(parameters: Record<string, unknown>, context: RecordContext, mode: SendMode): void {
  requireConst(parameters.flow_message_version, "3", `${P}.flow_message_version`, context, true);
  requireString(parameters.flow_cta, `${P}.flow_cta`, context, LIMITS.flowCta);
  const hasId = !isAbsent(parameters.flow_id);
  const hasName = !isAbsent(parameters.flow_name);
  if (hasId === hasName) {
    throw recordError(
      context,
      hasId
        ? `fields "${P}.flow_id" and "${P}.flow_name" are both set: give exactly one`
        : `field "${P}.flow_id" or "${P}.flow_name" is required`,
      `${P}.flow_id`,
    );
  }
  if (hasId) readId(parameters.flow_id, `${P}.flow_id`, context);
  else requireString(parameters.flow_name, `${P}.flow_name`, context);
  optionalString(parameters.flow_token, `${P}.flow_token`, context);
  if (parameters.mode !== undefined && parameters.mode !== mode) {
    throw fieldError(
      context,
      `${P}.mode`,
      `must be "${mode}" for this stream's template (or be left out); use send_${mode === "draft" ? "published" : "draft"}_flow for ${mode === "draft" ? "published" : "draft"} Flows`,
    );
  }
  const flowAction = readFlowAction(parameters.flow_action, `${P}.flow_action`, context);
  const payload = parameters.flow_action_payload;
  if (flowAction === "data_exchange") {
    if (!isAbsent(payload)) {
      throw fieldError(
        context,
        `${P}.flow_action_payload`,
        'must be absent when flow_action is "data_exchange"',
      );
    }
    return;
  }
  if (isAbsent(payload)) return;
  const navigate = requireObject(payload, `${P}.flow_action_payload`, context);
  requireString(navigate.screen, `${P}.flow_action_payload.screen`, context);
  if (!isAbsent(navigate.data) && !isPlainObject(navigate.data)) {
    throw fieldError(context, `${P}.flow_action_payload.data`, "must be a non-empty object");
  }
  if (isPlainObject(navigate.data)) readData(navigate.data, `${P}.flow_action_payload.data`, context);
}
