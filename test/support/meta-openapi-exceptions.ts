import type { Violation, ViolationPart } from "./meta-openapi.js";

/**
 * Where Meta's OpenAPI file (business-messaging-api_v23.0.yaml) is itself wrong, and only there:
 * each entry names the violation it excuses and the file's own evidence against its schema (a
 * path into the file and what the file holds there; the oracle test checks the file still holds
 * it). An entry no violation needs fails the oracle test, so the list cannot outlive the errors.
 */
export interface MetaOpenApiException {
  readonly id: string;
  /** "METHOD /{Version}/..." as the file names the operation. */
  readonly operation: string;
  readonly part: ViolationPart;
  readonly keyword: string;
  readonly instancePath: RegExp;
  readonly schemaPath?: RegExp;
  /** What is wrong in the file, said plainly. */
  readonly reason: string;
  /**
   * The file against itself: a path of keys into the parsed file and what it holds there (an
   * object is matched in part). Where the file says nothing, Meta's reference page instead.
   */
  readonly evidence:
    | { readonly path: readonly string[]; readonly holds: unknown }
    | { readonly url: string; readonly says: string };
}

const SEND = "POST /{Version}/{Phone-Number-ID}/messages";
const SEND_EXAMPLES = [
  "paths",
  "/{Version}/{Phone-Number-ID}/messages",
  "post",
  "requestBody",
  "content",
  "application/json",
  "examples",
];
const FLOW_TEMPLATE_EXAMPLE = [...SEND_EXAMPLES, "Send Flow Template Message", "value"];
const PUBLISHED_FLOW_EXAMPLE = [...SEND_EXAMPLES, "Send Published Flow by Name", "value"];
const PHONE_NUMBERS_FIELDS = ["paths", "/{Version}/{WABA-ID}/phone_numbers", "get", "parameters", "4"];
const PHONE_NUMBERS_LIMIT = ["paths", "/{Version}/{WABA-ID}/phone_numbers", "get", "parameters", "7"];
const CREATE_FLOW_PAGE = "https://developers.facebook.com/docs/whatsapp/flows/reference/flowsapi#create";
const TEMPLATES_PAGE =
  "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/overview";
const MESSAGES_PAGE = "https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages";
const CALLBACK_DATA_SAYS =
  "biz_opaque_callback_data: an arbitrary 512B string, useful for tracking; included in the statuses object of the messages webhooks";

/** Graph's field selection and paging, which the file declares on one edge and not on the others. */
function edgeParameter(operation: string, name: "fields" | "limit"): MetaOpenApiException {
  return {
    id: `${operation} ?${name}`,
    operation,
    part: "request.query",
    keyword: "undeclared",
    instancePath: new RegExp(`^/${name}$`),
    reason: `the file declares no query parameters for this edge, yet \`${name}\` is Graph's ${name === "fields" ? "field selection" : "page size"} on every edge, as the file itself declares it on /phone_numbers`,
    evidence: {
      path: name === "fields" ? PHONE_NUMBERS_FIELDS : PHONE_NUMBERS_LIMIT,
      holds: { name, in: "query" },
    },
  };
}

/** Marketing template sends use the same TemplateObject as /messages, with its errors. */
const MARKETING_SEND = "POST /{Version}/{Phone-Number-ID}/marketing_messages";
const on = (operation: string) => (operation === SEND ? "" : " (marketing_messages)");

/** The errors of the file's TemplateObject, against its own Flow template example. */
function templateObjectErrors(operation: string): MetaOpenApiException[] {
  return [
    {
      id: `template language requires policy${on(operation)}`,
      operation,
      part: "request.body",
      keyword: "required",
      instancePath: /^\/template\/language\/policy$/,
      schemaPath: /LanguageObject\/required$/,
      reason:
        "LanguageObject requires `policy`, whose only value is the default; Meta's own Flow template example omits it",
      evidence: { path: [...FLOW_TEMPLATE_EXAMPLE, "template", "language"], holds: { code: "en_US" } },
    },
    {
      id: `template button sub_type has no flow${on(operation)}`,
      operation,
      part: "request.body",
      keyword: "enum",
      instancePath: /^\/template\/components\/\d+\/sub_type$/,
      schemaPath: /TemplateComponent\/properties\/sub_type\/enum$/,
      reason:
        "TemplateComponent.sub_type lists quick_reply, url and catalog only; a FLOW button's component is `flow`, as Meta's own example sends it",
      evidence: {
        path: [...FLOW_TEMPLATE_EXAMPLE, "template", "components", "0", "sub_type"],
        holds: "flow",
      },
    },
    {
      id: `template button index pattern rejects 0${on(operation)}`,
      operation,
      part: "request.body",
      keyword: "pattern",
      instancePath: /^\/template\/components\/\d+\/index$/,
      schemaPath: /TemplateComponent\/properties\/index\/pattern$/,
      reason:
        'TemplateComponent.index has the pattern ^[2-6, 11-14]$ (a character class: one of 2-6, 1, 4, comma, space), against its own description (0-9) and example "0"',
      evidence: { path: [...FLOW_TEMPLATE_EXAMPLE, "template", "components", "0", "index"], holds: "0" },
    },
  ];
}

export const META_OPENAPI_EXCEPTIONS: readonly MetaOpenApiException[] = [
  ...(["to", "messaging_product", "recipient_type"] as const).map(
    (property): MetaOpenApiException => ({
      id: `interactive message forbids ${property}`,
      operation: SEND,
      part: "request.body",
      keyword: "additionalProperties",
      instancePath: new RegExp(`^/${property}$`),
      schemaPath: /^#\/allOf\/1\/additionalProperties$/,
      reason: `InteractiveMessage is allOf [BaseMessageProperties, {additionalProperties: false}]: the second branch forbids every property of the first, \`${property}\` among them`,
      evidence: {
        path: [...PUBLISHED_FLOW_EXAMPLE, property],
        holds: {
          to: "{{Recipient-Phone-Number}}",
          messaging_product: "whatsapp",
          recipient_type: "individual",
        }[property],
      },
    }),
  ),
  ...[SEND, MARKETING_SEND].flatMap(templateObjectErrors),
  {
    id: "create flow takes flow_json",
    operation: "POST /{Version}/{WABA-ID}/flows",
    part: "request.body",
    keyword: "undeclared",
    instancePath: /^\/flow_json$/,
    reason:
      "createFlow's form names categories, clone_flow_id, endpoint_uri and name only; Meta's Flows API reference takes the Flow JSON at creation too",
    evidence: { url: CREATE_FLOW_PAGE, says: "flow_json: Flow's JSON encoded as string (optional)" },
  },
  {
    id: "create flow takes publish",
    operation: "POST /{Version}/{WABA-ID}/flows",
    part: "request.body",
    keyword: "undeclared",
    instancePath: /^\/publish$/,
    reason:
      "createFlow's form has no `publish`; Meta's Flows API reference publishes at creation when the Flow JSON is valid",
    evidence: {
      url: CREATE_FLOW_PAGE,
      says: "publish: whether the Flow should also be published; only with a valid flow_json (optional)",
    },
  },
  {
    id: "create template takes parameter_format",
    operation: "POST /{Version}/{WABA-ID}/message_templates",
    part: "request.body",
    keyword: "undeclared",
    instancePath: /^\/parameter_format$/,
    reason:
      "the create-template body names category, components, language and name only; Meta's template guide declares parameter_format (POSITIONAL or NAMED) in the same body, and named placeholders need NAMED",
    evidence: {
      url: TEMPLATES_PAGE,
      says: 'Common syntax: {"name": "<NAME>", "category": "<CATEGORY>", "language": "<LANGUAGE>", "parameter_format": "<PARAMETER_FORMAT>", "components": [<COMPONENTS>]}',
    },
  },
  {
    id: "phone numbers answer requires unselected fields",
    operation: "GET /{Version}/{WABA-ID}/phone_numbers",
    part: "response",
    keyword: "required",
    instancePath: /^\/data\/\d+\/status$/,
    reason:
      "each phone number of the answer requires fields such as status whatever `fields` asked for; Graph answers the fields asked for (the connector asks for id)",
    evidence: { path: PHONE_NUMBERS_FIELDS, holds: { name: "fields", in: "query" } },
  },
  {
    id: "interactive message forbids biz_opaque_callback_data",
    operation: SEND,
    part: "request.body",
    keyword: "additionalProperties",
    instancePath: /^\/biz_opaque_callback_data$/,
    schemaPath: /^#\/allOf\/1\/additionalProperties$/,
    reason:
      "InteractiveMessage forbids every property it does not list, and lists no biz_opaque_callback_data; Meta's messages reference takes it on every message type (the file itself declares it, 512 characters at most, only on the calls edge)",
    evidence: { url: MESSAGES_PAGE, says: CALLBACK_DATA_SAYS },
  },
  {
    id: "template message declares no biz_opaque_callback_data",
    operation: SEND,
    part: "request.body",
    keyword: "undeclared",
    instancePath: /^\/biz_opaque_callback_data$/,
    reason:
      "TemplateMessage declares no biz_opaque_callback_data; Meta's messages reference takes it on every message type",
    evidence: { url: MESSAGES_PAGE, says: CALLBACK_DATA_SAYS },
  },
  edgeParameter("GET /{Version}/{WABA-ID}/flows", "fields"),
  edgeParameter("GET /{Version}/{WABA-ID}/flows", "limit"),
  edgeParameter("GET /{Version}/{WABA-ID}/message_templates", "fields"),
  edgeParameter("GET /{Version}/{WABA-ID}/message_templates", "limit"),
];

/** The exception that excuses a violation, if any. */
export function excusedBy(v: Violation): MetaOpenApiException | undefined {
  return META_OPENAPI_EXCEPTIONS.find(
    (x) =>
      x.operation === v.operation &&
      x.part === v.part &&
      x.keyword === v.keyword &&
      x.instancePath.test(v.instancePath) &&
      (x.schemaPath === undefined || x.schemaPath.test(v.schemaPath)),
  );
}
