import type { RecordContext } from "../contract/operation.js";
import type { OperationEnv } from "../contract/operation-env.js";
import type { TemplateCatalog } from "../graph-calls/template-catalog.js";
import { readRecipient } from "../records/recipient.js";
import {
  fieldError,
  isAbsent,
  optionalString,
  type RecordData,
  requireString,
} from "../records/record-fields.js";
import { readData } from "./send-shorthand.js";
import {
  checkAgainstTemplate,
  readTemplateParameters,
  type TemplateParameter,
  withParameterNames,
} from "./template-parameters.js";

/** The template a stream's endpoint fixes for all its records (each one optional: records can say it). */
export interface TemplateChoice {
  readonly template_name?: string | undefined;
  readonly language?: string | undefined;
  readonly button_index?: number | undefined;
}

/** The parts of a template message, read and checked. */
export interface TemplateMessage {
  readonly to: string;
  readonly name: string;
  readonly language: string;
  readonly header: readonly TemplateParameter[];
  readonly body: readonly TemplateParameter[];
  readonly buttonIndex: number;
  readonly flowToken: string | undefined;
  readonly flowActionData: Record<string, unknown> | undefined;
}

/** Meta's template send body: header and body parameters, and the FLOW button's action. */
export function templateMessageBody(message: TemplateMessage): Record<string, unknown> {
  const components: Record<string, unknown>[] = [];
  if (message.header.length > 0) components.push({ type: "header", parameters: message.header });
  if (message.body.length > 0) components.push({ type: "body", parameters: message.body });
  const action: Record<string, unknown> = {};
  if (message.flowToken !== undefined) action.flow_token = message.flowToken;
  if (message.flowActionData !== undefined) action.flow_action_data = message.flowActionData;
  components.push({
    type: "button",
    sub_type: "flow",
    index: String(message.buttonIndex),
    parameters: [{ type: "action", action }],
  });
  return {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    to: message.to,
    type: "template",
    template: { name: message.name, language: { code: message.language }, components },
  };
}

function readButtonIndex(value: unknown, fallback: number, context: RecordContext): number {
  if (isAbsent(value)) return fallback;
  const index = typeof value === "string" && /^\d{1,2}$/.test(value) ? Number(value) : value;
  if (typeof index === "number" && Number.isInteger(index) && index >= 0 && index < 10) return index;
  throw fieldError(context, "button_index", "must be the button's index, an integer from 0 to 9");
}

/** Reads a record into its template message; checked against the template when it is known. */
export function readTemplateMessage(
  record: RecordData,
  endpoint: TemplateChoice,
  env: Pick<OperationEnv, "templateLanguage" | "wabaId">,
  catalog: Pick<TemplateCatalog, "known" | "find"> | undefined,
  context: RecordContext,
): TemplateMessage {
  const to = readRecipient(record.to, "to", context);
  const name = endpoint.template_name ?? requireString(record.template_name, "template_name", context);
  const language =
    endpoint.language ?? optionalString(record.language, "language", context) ?? env.templateLanguage;
  const known = catalog?.known === true;
  const info = known ? catalog?.find(name, language) : undefined;
  // Without an index, the template's own first FLOW button (when the list says where it is).
  const defaultIndex = endpoint.button_index ?? info?.flowButtons[0] ?? 0;
  const message: TemplateMessage = {
    to,
    name,
    language,
    header: withParameterNames(
      readTemplateParameters(record, "header", context, info?.headerMedia),
      info?.headerNames,
    ),
    body: withParameterNames(readTemplateParameters(record, "body", context), info?.bodyNames),
    buttonIndex: readButtonIndex(record.button_index, defaultIndex, context),
    flowToken: optionalString(record.flow_token, "flow_token", context),
    flowActionData: isAbsent(record.flow_action_data)
      ? undefined
      : readData(record.flow_action_data, "flow_action_data", context),
  };
  if (known) checkAgainstTemplate(info, message, context, env.wabaId);
  return message;
}

/** The template's category from the WABA's list; undefined when the list is not known. */
export function categoryOf(
  catalog: Pick<TemplateCatalog, "known" | "find">,
  message: Pick<TemplateMessage, "name" | "language">,
): string | undefined {
  return catalog.known ? catalog.find(message.name, message.language)?.category?.toUpperCase() : undefined;
}
