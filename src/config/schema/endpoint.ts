import { z } from "zod";

/**
 * The endpoint oneOf: one option per template, discriminated by `template` alone (Airbyte's UI
 * renders a oneOf as a dropdown keyed by the single `const` property all options share).
 */
const flowIdField = z
  .string()
  .regex(/^\d+$/, "must be the numeric Flow ID")
  .optional()
  .meta({
    title: "Flow ID",
    description:
      "The Flow every record of this stream acts on. Leave empty to take it from each record's `flow_id` field.",
    examples: ["1234567890123456"],
    order: 1,
  });

const phoneNumberIdField = z
  .string()
  .regex(/^\d+$/, "must be the numeric Business Phone Number ID")
  .optional()
  .meta({
    title: "Business Phone Number ID",
    description:
      "The sender for this stream. Leave empty to use each record's `phone_number_id`, else the connector's default Business Phone Number ID.",
    examples: ["106540352242922"],
    order: 1,
  });

function templateConst<T extends string>(value: T, title: string) {
  return z.literal(value).meta({ title: "Template", description: title, order: 0 });
}

function flowTemplate<T extends string>(value: T, title: string, description: string) {
  return z
    .looseObject({ template: templateConst(value, title), flow_id: flowIdField })
    .meta({ title, description });
}

function sendTemplate<T extends string>(value: T, title: string, description: string) {
  return z
    .looseObject({ template: templateConst(value, title), phone_number_id: phoneNumberIdField })
    .meta({ title, description });
}

export const createFlowEndpoint = z
  .looseObject({ template: templateConst("create_flow", "Create Flow") })
  .meta({
    title: "Create Flow",
    description:
      "POST /{waba_id}/flows. Record: name, categories, optional endpoint_uri, clone_flow_id, flow_json, publish. A name that already exists under the WABA resolves to the existing Flow.",
  });

export const updateFlowJsonEndpoint = flowTemplate(
  "update_flow_json",
  "Update Flow JSON",
  "POST /{flow_id}/assets with the record's flow_json (object) or file_content (string), validated locally first.",
);
export const updateFlowMetadataEndpoint = flowTemplate(
  "update_flow_metadata",
  "Update Flow Metadata",
  "POST /{flow_id} with any of the record's name, categories, endpoint_uri, application_id.",
);
export const publishFlowEndpoint = flowTemplate(
  "publish_flow",
  "Publish Flow",
  "POST /{flow_id}/publish. Publishing is irreversible.",
);
export const deprecateFlowEndpoint = flowTemplate(
  "deprecate_flow",
  "Deprecate Flow",
  "POST /{flow_id}/deprecate. An already deprecated Flow counts as success.",
);
export const deleteFlowEndpoint = flowTemplate(
  "delete_flow",
  "Delete Flow",
  "DELETE /{flow_id} (draft Flows only). A Flow that no longer exists counts as success.",
);
export const sendPublishedFlowEndpoint = sendTemplate(
  "send_published_flow",
  "Send Published Flow",
  "POST /{phone_number_id}/messages: an interactive Flow message (mode published). Record: a full Cloud API message body, or the shorthand to, flow_id or flow_name, flow_cta, body, …",
);
export const sendDraftFlowEndpoint = sendTemplate(
  "send_draft_flow",
  "Send Draft Flow",
  "Like Send Published Flow with mode draft: for testing a Flow before publishing it.",
);

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export const CONTENT_FORMATS = ["json", "multipart/form-data", "x-www-form-urlencoded"] as const;

export const advancedEndpoint = z
  .looseObject({
    template: templateConst("advanced", "Advanced (manual HTTP request)"),
    method: z.enum(HTTP_METHODS).default("POST").meta({
      title: "HTTP method",
      description:
        "POST, GET, PUT and DELETE are retried only as safe; POST and PATCH are never re-sent after an ambiguous failure.",
      order: 1,
    }),
    content_format: z.enum(CONTENT_FORMATS).default("json").meta({
      title: "Content format",
      description:
        "How the rendered body is sent. For multipart and urlencoded, each top-level key of the rendered body becomes a part or field.",
      order: 2,
    }),
    url: z
      .string()
      .min(1)
      .meta({
        title: "URL",
        description:
          "Absolute URL; placeholders like {message.flow_id} or {config.api_version} are allowed in path and query and are percent-encoded. The host must be the Graph API base URL host unless listed in Allowed hosts.",
        examples: ["https://graph.facebook.com/v23.0/{message.flow_id}/publish"],
        order: 3,
      }),
    request_headers: z
      .string()
      .default("")
      .meta({
        title: "Extra request headers",
        description:
          'Comma-separated "name:value" pairs, e.g. "X-Trace:{message.id},X-Team:growth". Authorization is always set by the connector and cannot be overridden.',
        examples: ["X-Trace:{message.id}"],
        airbyte_secret: true,
        order: 4,
      }),
    body_template: z
      .string()
      .default("{message.json}")
      .meta({
        title: "Body template",
        description:
          "JSON with placeholders: {message.json} is the whole record, {message.a.b} a field, {config.waba_id} / {config.phone_number_id} / {config.api_version} config values. Ignored for GET and DELETE.",
        examples: ["{message.json}", '{"name": "{message.name}", "categories": {message.categories}}'],
        order: 5,
      }),
    file_field: z
      .string()
      .optional()
      .meta({
        title: "File field (multipart)",
        description:
          "For multipart/form-data: the top-level key of the rendered body sent as a file part (e.g. `file` for a flow.json upload).",
        examples: ["file"],
        order: 6,
      }),
    file_name: z.string().default("flow.json").meta({
      title: "File name (multipart)",
      description: "The filename of the file part; its content type is application/json.",
      order: 7,
    }),
    allowed_hosts: z
      .array(z.string().min(1))
      .default([])
      .meta({
        title: "Allowed hosts",
        description:
          "Other hosts this stream may call besides the Graph API base URL host. They must resolve to public addresses: private, loopback and link-local addresses are refused even when listed.",
        examples: [["hooks.example.com"]],
        order: 8,
      }),
  })
  .meta({
    title: "Advanced (manual HTTP request)",
    description: "Any Graph API call: method, URL with placeholders, headers and a body template.",
  });

export const endpointSchema = z
  .discriminatedUnion("template", [
    createFlowEndpoint,
    updateFlowJsonEndpoint,
    updateFlowMetadataEndpoint,
    publishFlowEndpoint,
    deprecateFlowEndpoint,
    deleteFlowEndpoint,
    sendPublishedFlowEndpoint,
    sendDraftFlowEndpoint,
    advancedEndpoint,
  ])
  .meta({
    title: "Endpoint",
    description: "The WhatsApp Flows API operation each record of the stream becomes.",
    order: 2,
  });

export type EndpointConfig = z.output<typeof endpointSchema>;
export type TemplateName = EndpointConfig["template"];
export type AdvancedEndpointConfig = z.output<typeof advancedEndpoint>;
export type EndpointOf<T extends TemplateName> = Extract<EndpointConfig, { template: T }>;
