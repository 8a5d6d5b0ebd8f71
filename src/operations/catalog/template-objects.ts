import type { EndpointConfig } from "../../config/index.js";
import type { TemplateInfo } from "../graph-calls/template-info.js";
import { sendFlowTemplateRecordShape } from "../messages/send-flow-template.js";
import { placeholderField } from "../messages/template-parameters.js";
import { field, optional, recordJsonSchema, recordSchema } from "../records/record-schema.js";
import type { DestinationOperation } from "./destination-operation.js";

/**
 * Live discover: one object per APPROVED template with a FLOW button, named
 * `send_flow_template__<template name>__<language>` (e.g. `send_flow_template__spring_promo__en_US`).
 * Template names hold only [a-z0-9_] and language codes never hold "__", so the last "__" splits
 * the name back; the name stays the same as long as the template does.
 */
const PREFIX = "send_flow_template__";

export function templateObjectName(template: Pick<TemplateInfo, "name" | "language">): string {
  return `${PREFIX}${template.name}__${template.language}`;
}

/** The send_flow_template endpoint an object name stands for, or undefined when it is not one. */
export function templateObjectEndpoint(objectName: string): EndpointConfig | undefined {
  if (!objectName.startsWith(PREFIX)) return undefined;
  const rest = objectName.slice(PREFIX.length);
  const split = rest.lastIndexOf("__");
  if (split <= 0 || split + 2 >= rest.length) return undefined;
  return {
    template: "send_flow_template",
    template_name: rest.slice(0, split),
    language: rest.slice(split + 2),
  };
}

/** Templates a campaign can send: APPROVED, with a FLOW button. */
export function isSendableFlowTemplate(template: TemplateInfo): boolean {
  return template.status === "APPROVED" && template.flowButtons.length > 0;
}

/**
 * The object of one template: the recipient and Flow fields of send_flow_template, and exactly
 * one required field per placeholder (`header_1`, `body_1` … `body_n`), so the mapping screen
 * asks for each of them.
 */
export function templateObjectOperation(template: TemplateInfo): DestinationOperation {
  const placeholders: Record<string, ReturnType<typeof field.text | typeof field.parameterText>> = {};
  const media = template.headerMedia;
  if (media !== undefined && media !== "location") {
    placeholders[placeholderField("header", 1)] = field.text(
      `The link (https://…) of the template's ${media.toUpperCase()} header.`,
    );
  }
  for (let n = 1; n <= template.headerParams; n++) {
    const name = template.headerNames?.[n - 1] ?? String(n);
    placeholders[placeholderField("header", n)] = field.parameterText(
      `The value of {{${name}}} in the template's HEADER.`,
    );
  }
  for (let n = 1; n <= template.bodyParams; n++) {
    const name = template.bodyNames?.[n - 1] ?? String(n);
    placeholders[placeholderField("body", n)] = field.parameterText(
      `The value of {{${name}}} in the template's BODY.`,
    );
  }
  const schema = recordSchema({
    ...sendFlowTemplateRecordShape(),
    ...placeholders,
    button_index: optional(field.id("The FLOW button's index (default: the template's first FLOW button).")),
  });
  return {
    object_name: templateObjectName(template),
    sync_mode: "append",
    json_schema: {
      ...recordJsonSchema(schema),
      title: `Send Flow Template ${template.name} (${template.language})`,
      description:
        `POST /{phone_number_id}/messages: the approved ${template.category ?? ""} template "${template.name}" in ${template.language}, its FLOW button opening the Flow. One field per placeholder.`.replace(
          "  ",
          " ",
        ),
    },
  };
}
