import { ConfigError } from "../../errors/index.js";
import { defineOperation, type OperationDefinition } from "../contract/definition.js";
import { describeGraphPlan } from "../contract/describe-plan.js";
import { retriedAfterLoss } from "../contract/effects.js";
import type { GraphPlan } from "../contract/graph-plan.js";
import type { OperationSteps, Outcome, RecordContext } from "../contract/operation.js";
import type { OperationEnv } from "../contract/operation-env.js";
import { campaignGuardsOf } from "../graph-calls/campaign-guards.js";
import type { FlowRef } from "../graph-calls/config-cause.js";
import { type CallResult, callGraph, succeeded } from "../graph-calls/graph-call.js";
import { type FailureReading, failureOutcome } from "../graph-calls/graph-failure.js";
import { isMissingObject } from "../graph-calls/missing-object.js";
import { senderOptions, senderRecordField } from "../records/flow-target.js";
import { phoneNumberIdOf } from "../records/path-ids.js";
import { isAbsent, type RecordData } from "../records/record-fields.js";
import { field, optional, recordSchema } from "../records/record-schema.js";
import { callbackDataFieldOption, callbackDataOf } from "./callback-data.js";
import { fullBodyMessage, isFullMessageBody } from "./send-full-body.js";
import { type BuiltMessage, LIMITS, type SendMode, shorthandMessage } from "./send-shorthand.js";

export interface SendFlowPlan extends GraphPlan {
  readonly phoneNumberId: string;
  readonly recipient: string;
  /** The sender came from the config (stream or connector), not from the record. */
  readonly senderFromConfig: boolean;
  /**
   * The Flow the message opens: an interactive message's, or a template's FLOW button's when the
   * WABA's template list names it (the campaign guards read its health).
   */
  readonly flow?: FlowRef | undefined;
}

type SendTemplate = "send_published_flow" | "send_draft_flow";

/** What a send operation reads from its endpoint option. */
export interface SendEndpoint {
  readonly template: SendTemplate;
  readonly phone_number_id?: string | undefined;
  readonly callback_data_field?: string | undefined;
}

/**
 * send_published_flow / send_draft_flow: POST /{phone_number_id}/messages with an interactive Flow
 * message. Never repeated after an ambiguous failure (the client is told idempotent: false), so a
 * lost answer is an "ambiguous" outcome rather than a possible duplicate message.
 */
export function sendFlowMessageOperation(
  env: OperationEnv,
  endpoint: SendEndpoint,
): OperationSteps<SendFlowPlan> {
  const mode: SendMode = endpoint.template === "send_draft_flow" ? "draft" : "published";
  const configuredSender = endpoint.phone_number_id;
  return {
    name: endpoint.template,
    plan: (record, context) =>
      planSendFlowMessage(env, configuredSender, mode, record, context, endpoint.callback_data_field),
    orderingKey: (plan) => plan.key,
    describe: describeGraphPlan,
    execute: (plan, signal) =>
      executeSend(env, plan, signal, plan.flow && { subjects: { wabaId: env.wabaId, flow: plan.flow } }),
  };
}

function planSendFlowMessage(
  env: OperationEnv,
  configuredSender: string | undefined,
  mode: SendMode,
  record: RecordData,
  context: RecordContext,
  callbackDataField: string | undefined,
): SendFlowPlan {
  const phoneNumberId = phoneNumberIdOf(configuredSender, record, env, context);
  const message = isFullMessageBody(record)
    ? fullBodyMessage(record, context, mode)
    : shorthandMessage(record, context, mode);
  const senderFromConfig =
    (configuredSender !== undefined && configuredSender !== "") || isAbsent(record.phone_number_id);
  const callbackData = callbackDataOf(record, context, callbackDataField);
  return sendPlan(env, phoneNumberId, message, context, senderFromConfig, callbackData);
}

/**
 * POST /{phone_number_id}/messages (or `edge`) of one message: never repeated, paced per sender.
 * A /messages body carries the callback data at its top level, where Meta takes
 * `biz_opaque_callback_data` and echoes it in the message's status webhooks. Meta's
 * /marketing_messages request schema allows no such property (additionalProperties: false in its
 * OpenAPI file), so a send there has none: its status webhooks join on the message id instead.
 */
export function sendPlan(
  env: OperationEnv,
  phoneNumberId: string,
  message: BuiltMessage,
  context: RecordContext,
  senderFromConfig: boolean,
  callbackData: string,
  edge: "messages" | "marketing_messages" = "messages",
): SendFlowPlan {
  const path = `${phoneNumberId}/${edge}`;
  return {
    request: {
      method: "POST",
      path,
      body: {
        kind: "json",
        value:
          edge === "messages" ? { ...message.body, biz_opaque_callback_data: callbackData } : message.body,
      },
      idempotent: retriedAfterLoss("sends_message"),
      pacing: { kind: "send", phoneNumberId, recipient: message.to },
      // A send succeeded only with the message id Meta gives it.
      expect: "message_id",
    },
    summary: { method: "POST", url: env.urlPrefix + path },
    key: `to:${message.to}`,
    context,
    phoneNumberId,
    recipient: message.to,
    senderFromConfig,
    flow: message.flow,
  };
}

export async function executeSend(
  env: OperationEnv,
  plan: SendFlowPlan,
  signal: AbortSignal | undefined,
  reading?: FailureReading,
): Promise<Outcome> {
  const result = await guardedCall(env, plan, signal, reading);
  return "ok" in result ? sendOutcome(plan, result, reading) : result;
}

/**
 * A send's call behind the campaign guards: the guard's outcome when one refuses it (no call),
 * else Meta's answer, whose refusal the guards have read (a paused template, a spam limit).
 */
export async function guardedCall(
  env: OperationEnv,
  plan: SendFlowPlan,
  signal: AbortSignal | undefined,
  reading?: FailureReading,
): Promise<Outcome | CallResult> {
  const guards = campaignGuardsOf(env);
  const template = reading?.subjects?.template;
  const verdict = guards.beforeSend(plan, template, signal);
  const guarded = verdict instanceof Promise ? await verdict : verdict;
  if (guarded !== undefined) return guarded;
  const result = await callGraph(env.client, plan.request, signal, plan.context.calls);
  if (!result.ok) guards.afterRefusal(plan, template, result.error);
  return result;
}

/** The outcome of a send's answer (a config-level failure throws, as the sync must stop). */
export function sendOutcome(plan: SendFlowPlan, result: CallResult, reading?: FailureReading): Outcome {
  if (!result.ok) {
    if (plan.senderFromConfig && isMissingObject(result.error)) {
      // An unknown configured sender fails every record alike: a config error, not a rejection.
      throw new ConfigError(
        `the Business Phone Number ID ${plan.phoneNumberId} does not exist or the token cannot access it`,
        {
          code: "ERR_PHONE_NUMBER_NOT_FOUND",
          hint: "Check phone_number_id (WhatsApp Manager → Phone numbers) and that it belongs to the WABA of the token",
          cause: result.error,
        },
      );
    }
    return failureOutcome(plan, result.error, "messaging", reading);
  }
  return succeeded(plan, result.response, { messageId: firstMessageId(result.response.body) });
}

/** `messages[0].id` of a Cloud API send answer: the `wamid.…` the client checked it holds. */
function firstMessageId(body: unknown): string {
  return (body as { messages: [{ id: string }] }).messages[0].id;
}

/**
 * The record of both send operations: the shorthand (to, flow_id or flow_name, flow_cta, body, …)
 * or a full Cloud API message body (messaging_product, recipient_type, type, interactive). Only
 * `to` is needed by both shapes; the shape's own rules are checked when the message is built.
 */
const sendRecordSchema = () =>
  recordSchema({
    to: field.phone("The recipient's phone number, with its country code (e.g. +447700900123)."),
    phone_number_id: senderRecordField(),
    flow_id: optional(field.id("The Flow to send (or give flow_name).")),
    flow_name: optional(field.text("The Flow to send, by name (or give flow_id).")),
    flow_cta: optional(field.text("The button text (shorthand; required there).", LIMITS.flowCta)),
    body: optional(field.text("The message body text (shorthand; required there).", LIMITS.body)),
    header: optional(field.text("A text header.", LIMITS.header)),
    footer: optional(field.text("A footer text.", LIMITS.footer)),
    flow_token: optional(field.text("A token identifying this session, echoed in the Flow's responses.")),
    flow_action: optional(
      field.oneOf(["navigate", "data_exchange"], 'How the Flow opens (default "navigate").'),
    ),
    screen: optional(field.text("The first screen (navigate only).")),
    data: optional(
      field.json("Initial data for the first screen: an object or its JSON text (navigate only)."),
    ),
    messaging_product: optional(field.oneOf(["whatsapp"], 'Full message body: "whatsapp".')),
    recipient_type: optional(field.oneOf(["individual"], 'Full message body: "individual".')),
    type: optional(field.oneOf(["interactive"], 'Full message body: "interactive".')),
    interactive: optional(field.object("Full message body: the interactive Flow object of the Cloud API.")),
  });

/** send_published_flow and send_draft_flow differ only in name, words and mode. */
export function sendDefinition(name: SendTemplate, title: string, description: string): OperationDefinition {
  return defineOperation({
    name,
    title,
    description,
    options: { ...senderOptions, callback_data_field: callbackDataFieldOption },
    record: sendRecordSchema,
    configurable: ["phone_number_id"],
    matchingKeys: [],
    syncModes: ["append"],
    effects: "sends_message",
    compile: (env, endpoint) => sendFlowMessageOperation(env, { ...endpoint, template: name }),
  });
}
