import * as z from "../../zod.js";
import { withMeta } from "../../zod.js";
import type { Effects } from "../contract/effects.js";

const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
/**
 * What an advanced call does, by its method: a GET reads, a PUT or DELETE sets a state (repeatable),
 * a PATCH modifies in place, and a POST makes something new (a message, a Flow, …), so the send
 * ledger journals it.
 */
export function methodEffects(method: (typeof HTTP_METHODS)[number]): Effects {
  switch (method) {
    case "GET":
      return "reads";
    case "PUT":
    case "DELETE":
      return "writes";
    case "PATCH":
      return "modifies";
    case "POST":
      return "creates";
  }
}

const CONTENT_FORMATS = ["json", "multipart/form-data", "x-www-form-urlencoded"] as const;

/** The endpoint options of `advanced` (its definition is in ./advanced.ts). */
export const advancedOptions = {
  method: withMeta(z._default(z.enum(HTTP_METHODS), "POST"), {
    title: "HTTP method",
    description:
      "POST, GET, PUT and DELETE are retried only as safe; POST and PATCH are never re-sent after an ambiguous failure.",
    order: 1,
  }),
  content_format: withMeta(z._default(z.enum(CONTENT_FORMATS), "json"), {
    title: "Content format",
    description:
      "How the rendered body is sent. For multipart and urlencoded, each top-level key of the rendered body becomes a part or field.",
    order: 2,
  }),
  url: withMeta(z.string().check(z.minLength(1)), {
    title: "URL",
    description:
      "Absolute URL; placeholders like {message.flow_id} or {config.api_version} are allowed in path and query and are percent-encoded. The host must be the Graph API base URL host unless listed in Allowed hosts.",
    examples: ["https://graph.facebook.com/v23.0/{message.flow_id}/publish"],
    order: 3,
  }),
  request_headers: withMeta(z._default(z.string(), ""), {
    title: "Extra request headers",
    description:
      'Comma-separated "name:value" pairs, e.g. "X-Trace:{message.id},X-Team:growth". Authorization is always set by the connector and cannot be overridden.',
    examples: ["X-Trace:{message.id}"],
    airbyte_secret: true,
    order: 4,
  }),
  body_template: withMeta(z._default(z.string(), "{message.json}"), {
    title: "Body template",
    description:
      "JSON with placeholders: {message.json} is the whole record, {message.a.b} a field, {config.waba_id} / {config.phone_number_id} / {config.api_version} config values. Ignored for GET and DELETE.",
    examples: ["{message.json}", '{"name": "{message.name}", "categories": {message.categories}}'],
    order: 5,
  }),
  file_field: withMeta(z.optional(z.string()), {
    title: "File field (multipart)",
    description:
      "For multipart/form-data: the top-level key of the rendered body sent as a file part (e.g. `file` for a flow.json upload).",
    examples: ["file"],
    order: 6,
  }),
  file_name: withMeta(z._default(z.string(), "flow.json"), {
    title: "File name (multipart)",
    description: "The filename of the file part; its content type is application/json.",
    order: 7,
  }),
  allowed_hosts: withMeta(z._default(z.array(z.string().check(z.minLength(1))), []), {
    title: "Allowed hosts",
    description:
      "Other hosts this stream may call besides the Graph API base URL host. They must resolve to public addresses: private, loopback and link-local addresses are refused even when listed.",
    examples: [["hooks.example.com"]],
    order: 8,
  }),
};

export const advancedEndpointSchema = z.looseObject({ template: z.literal("advanced"), ...advancedOptions });
export type AdvancedEndpointConfig = z.output<typeof advancedEndpointSchema>;
