import type { RecordContext } from "../contract/operation.js";
import { placeholderCount } from "../graph-calls/template-catalog.js";
import { readFlowAction, readFlowReference } from "../messages/send-shorthand.js";
import { readJsonList } from "../messages/template-parameters.js";
import {
  fieldError,
  isAbsent,
  optionalString,
  type RecordData,
  requireString,
} from "../records/record-fields.js";

/** Meta's limits for template components (message templates guide). */
export const TEMPLATE_LIMITS = { body: 1024, header: 60, footer: 60, button: 25 } as const;

const TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/;

export interface TemplateCreate {
  readonly name: string;
  readonly language: string;
  readonly body: Record<string, unknown>;
}

/**
 * The POST /{waba_id}/message_templates body of a create_flow_template record, checked the way
 * Meta's intake would refuse it: the name's characters, one example per placeholder, one Flow
 * reference. `{{n}}` must run from 1 without gaps; Meta's review does the rest.
 */
export function planTemplateCreate(
  record: RecordData,
  defaultLanguage: string,
  context: RecordContext,
): TemplateCreate {
  const name = requireString(record.name, "name", context);
  if (!TEMPLATE_NAME.test(name)) {
    throw fieldError(context, "name", "must hold only lowercase letters, digits and underscores");
  }
  const language = optionalString(record.language, "language", context) ?? defaultLanguage;
  const category = requireString(record.category, "category", context);
  const components: Record<string, unknown>[] = [];

  const header = optionalString(record.header, "header", context, TEMPLATE_LIMITS.header);
  if (header !== undefined) {
    const count = numberedPlaceholders(header, "header", context);
    if (count > 1) throw fieldError(context, "header", "may hold at most one placeholder ({{1}})");
    const component: Record<string, unknown> = { type: "HEADER", format: "TEXT", text: header };
    if (count === 1) {
      component.example = { header_text: [requireString(record.header_example, "header_example", context)] };
    }
    components.push(component);
  }

  const bodyText = requireString(record.body, "body", context, TEMPLATE_LIMITS.body);
  const bodyCount = numberedPlaceholders(bodyText, "body", context);
  const bodyComponent: Record<string, unknown> = { type: "BODY", text: bodyText };
  if (bodyCount > 0) {
    const examples = readExamples(record.body_examples, context);
    if (examples.length !== bodyCount) {
      throw fieldError(
        context,
        "body_examples",
        `gives ${examples.length} sample value(s), but the body of template "${name}" has ${bodyCount} placeholder(s)`,
      );
    }
    bodyComponent.example = { body_text: [examples] };
  }
  components.push(bodyComponent);

  const footer = optionalString(record.footer, "footer", context, TEMPLATE_LIMITS.footer);
  if (footer !== undefined) components.push({ type: "FOOTER", text: footer });
  components.push({ type: "BUTTONS", buttons: [flowButton(record, context)] });
  return { name, language, body: { name, language, category, components } };
}

function flowButton(record: RecordData, context: RecordContext): Record<string, unknown> {
  const button: Record<string, unknown> = {
    type: "FLOW",
    text: requireString(record.button_text, "button_text", context, TEMPLATE_LIMITS.button),
  };
  Object.assign(button, readFlowReference(record, context));
  const action = readFlowAction(record.flow_action, "flow_action", context);
  const screen = optionalString(record.navigate_screen, "navigate_screen", context);
  if (screen !== undefined) {
    if (action === "data_exchange") {
      throw fieldError(context, "navigate_screen", 'must be absent when flow_action is "data_exchange"');
    }
    button.navigate_screen = screen;
  }
  button.flow_action = action;
  return button;
}

function numberedPlaceholders(text: string, field: string, context: RecordContext): number {
  const count = placeholderCount(text);
  for (let n = 1; n <= count; n++) {
    if (!new RegExp(`\\{\\{\\s*${n}\\s*\\}\\}`).test(text)) {
      throw fieldError(context, field, `must number its placeholders {{1}} to {{${count}}} without gaps`);
    }
  }
  return count;
}

function readExamples(value: unknown, context: RecordContext): string[] {
  if (isAbsent(value))
    throw fieldError(context, "body_examples", "is required when the body has placeholders");
  const problem = "must be an array of sample values (or its JSON text)";
  const list = readJsonList(value, "body_examples", context, problem);
  if (list.every((v) => (typeof v === "string" && v !== "") || typeof v === "number"))
    return list.map(String);
  throw fieldError(context, "body_examples", problem);
}
