import { phoneNumberIdField } from "../../config/index.js";
import { GraphApiError } from "../../graph/index.js";
import * as z from "../../zod.js";
import { withMeta } from "../../zod.js";
import { defineOperation } from "../contract/definition.js";
import { describeGraphPlan } from "../contract/describe-plan.js";
import type { OperationSteps } from "../contract/operation.js";
import type { OperationEnv } from "../contract/operation-env.js";
import { campaignGuardsOf } from "../graph-calls/campaign-guards.js";
import { templateLabel } from "../graph-calls/config-cause.js";
import { templateCatalogOf, templateFlowId } from "../graph-calls/template-catalog.js";
import { senderRecordField } from "../records/flow-target.js";
import { phoneNumberIdOf } from "../records/path-ids.js";
import { isAbsent, optionalBoolean } from "../records/record-fields.js";
import { field, optional, recordSchema } from "../records/record-schema.js";
import { callbackDataFieldOption, callbackDataOf } from "./callback-data.js";
import {
  isNotOnboarded,
  type MarketingMessagesApiMode,
  marketingMessagesApiOption,
  marketingRouteOf,
  NOT_ONBOARDED_WARNING,
} from "./marketing-route.js";
import { executeSend, guardedCall, type SendFlowPlan, sendOutcome, sendPlan } from "./send-flow-message.js";
import {
  categoryOf,
  readTemplateMessage,
  type TemplateChoice,
  templateMessageBody,
} from "./template-message.js";

export interface TemplateSendPlan extends SendFlowPlan {
  readonly templateName: string;
  readonly language: string;
  /** The template's category from the WABA's list (MARKETING, UTILITY…); undefined when unknown. */
  readonly category?: string | undefined;
  /** The record says the recipient opted in again: an opt-out remembered from 131050 is cleared. */
  readonly clearOptOut?: boolean;
  /** Set when the plan goes to /marketing_messages: the same send to /messages, its fallback. */
  readonly cloudApiPlan?: SendFlowPlan;
}

/** What send_flow_template reads from its endpoint option (all optional: records can say them). */
export interface TemplateSendEndpoint extends TemplateChoice {
  readonly phone_number_id?: string | undefined;
  readonly callback_data_field?: string | undefined;
  readonly marketing_messages_api?: MarketingMessagesApiMode | undefined;
}

/**
 * send_flow_template: POST /{phone_number_id}/messages with a template message whose FLOW button
 * opens the Flow: the only message that reaches a customer outside the 24-hour window. Never
 * repeated after an ambiguous failure; a 132xxx answer rejects the record naming the template.
 */
export function sendFlowTemplateOperation(
  env: OperationEnv,
  endpoint: TemplateSendEndpoint,
): OperationSteps<TemplateSendPlan> {
  const catalog = templateCatalogOf(env);
  const route = marketingRouteOf(env);
  const marketingApi = endpoint.marketing_messages_api === "auto";
  const guards = campaignGuardsOf(env);
  return {
    name: "send_flow_template",
    prepare: (signal) => catalog.load(signal),
    plan: (record, context) => {
      const message = readTemplateMessage(record, endpoint, env, catalog, context);
      const phoneNumberId = phoneNumberIdOf(endpoint.phone_number_id, record, env, context);
      const senderFromConfig = (endpoint.phone_number_id ?? "") !== "" || isAbsent(record.phone_number_id);
      const callbackData = callbackDataOf(record, context, endpoint.callback_data_field);
      const built = { to: message.to, body: templateMessageBody(message) };
      const cloudApiPlan = sendPlan(env, phoneNumberId, built, context, senderFromConfig, callbackData);
      const category = categoryOf(catalog, message);
      const clearOptOut = optionalBoolean(record.clear_opt_out, "clear_opt_out", context) === true;
      const flowId = catalog.known
        ? templateFlowId(catalog.find(message.name, message.language), message.buttonIndex)
        : undefined;
      const template = {
        templateName: message.name,
        language: message.language,
        category,
        clearOptOut,
        ...(flowId === undefined ? {} : { flow: { id: flowId } }),
      };
      if (!marketingApi || category !== "MARKETING") {
        return { ...cloudApiPlan, ...template };
      }
      return {
        ...sendPlan(env, phoneNumberId, built, context, senderFromConfig, callbackData, "marketing_messages"),
        ...template,
        cloudApiPlan,
      };
    },
    orderingKey: (plan) => plan.key,
    describe: describeGraphPlan,
    execute: async (plan, signal) => {
      const template = { name: plan.templateName, language: plan.language };
      // The same reading of the category as the route's: one template is MARKETING for both.
      if (categoryOf(catalog, template) === "MARKETING") {
        await guards.checkMarketingSender(plan, template, signal);
      }
      const reading = {
        reword: (reason: string, error: unknown) =>
          isTemplateError(error) ? `${templateLabel(template)}: ${reason}` : reason,
        subjects: { wabaId: env.wabaId, template },
      };
      const cloudApiPlan = plan.cloudApiPlan;
      if (cloudApiPlan === undefined) return executeSend(env, plan, signal, reading);
      if (route.fellBack) return executeSend(env, cloudApiPlan, signal, reading);
      const result = await guardedCall(env, plan, signal, reading);
      if (!("ok" in result)) return result;
      if (result.ok || !isNotOnboarded(result.error)) return sendOutcome(plan, result, reading);
      // A refusal sent nothing: the same message goes to /messages, and so do the sync's next ones.
      route.fellBack = true;
      const sent = await executeSend(env, cloudApiPlan, signal, reading);
      if (route.warned || sent.kind !== "succeeded") return sent;
      route.warned = true;
      return { ...sent, warnings: [...(sent.warnings ?? []), NOT_ONBOARDED_WARNING] };
    },
  };
}

/** Meta's 132xxx family: the template or its parameters are wrong. */
function isTemplateError(error: unknown): boolean {
  return (
    error instanceof GraphApiError &&
    error.graphCode !== undefined &&
    Math.floor(error.graphCode / 1000) === 132
  );
}

/** The fields of every send_flow_template record, and of each template's discover object. */
export const sendFlowTemplateRecordShape = () => ({
  to: field.phone("The recipient's phone number, with its country code (e.g. +447700900123)."),
  phone_number_id: senderRecordField(),
  flow_token: optional(field.text("A token identifying this session, echoed in the Flow's responses.")),
  flow_action_data: optional(
    field.json("Initial data for the Flow's first screen: an object or its JSON text."),
  ),
});

const parameters = (description: string) =>
  optional(
    withMeta(
      z.union([
        z.array(z.union([z.string(), z.number(), z.looseObject({})])),
        z.string().check(z.minLength(1)),
      ]),
      { description },
    ),
  );

export const sendFlowTemplateDefinition = defineOperation({
  name: "send_flow_template",
  title: "Send Flow Template",
  description:
    "POST /{phone_number_id}/messages: an approved message template with a FLOW button (reaches customers outside the 24-hour window). Record: to, template_name, language, body_parameters, header_parameters, flow_token, flow_action_data, button_index, clear_opt_out.",
  options: {
    phone_number_id: phoneNumberIdField,
    template_name: withMeta(z.optional(z.string().check(z.minLength(1))), {
      title: "Template name",
      description:
        "The template every record of this stream sends. Leave empty to take each record's template_name.",
      order: 2,
    }),
    language: withMeta(z.optional(z.string().check(z.minLength(1))), {
      title: "Template language",
      description:
        "The template's language code. Leave empty for each record's language, else the connector's template_language.",
      order: 3,
    }),
    button_index: withMeta(z.optional(z.int().check(z.minimum(0), z.maximum(9))), {
      title: "FLOW button index",
      description: "The index of the template's FLOW button (default 0).",
      order: 4,
    }),
    callback_data_field: callbackDataFieldOption,
    marketing_messages_api: marketingMessagesApiOption,
  },
  record: () =>
    recordSchema({
      ...sendFlowTemplateRecordShape(),
      template_name: field.text("The approved template to send (with a FLOW button)."),
      language: optional(
        field.text("The template's language code; default: the connector's template_language."),
      ),
      body_parameters: parameters(
        "One value per {{n}} of the template's BODY: strings, or Meta's parameter objects; an array or its JSON text.",
      ),
      header_parameters: parameters(
        "The value of the template's text HEADER {{1}}, or the link of its image, video or document HEADER, as a one-element array.",
      ),
      button_index: optional(
        withMeta(z.union([z.int().check(z.minimum(0), z.maximum(9)), z.string().check(z.regex(/^\d$/))]), {
          description:
            "The FLOW button's index (default 0, or the template's first FLOW button when the template list is known).",
        }),
      ),
      clear_opt_out: optional(
        field.flag(
          "true: the recipient opted in again, so an opt-out remembered from an earlier 131050 answer is cleared (with object storage) and the message is sent.",
        ),
      ),
    }),
  configurable: ["phone_number_id", "template_name", "language"],
  matchingKeys: [],
  syncModes: ["append"],
  effects: "sends_message",
  compile: (env, endpoint) => sendFlowTemplateOperation(env, endpoint),
});
