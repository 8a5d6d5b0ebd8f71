import * as z from "../../zod.js";
import { withMeta } from "../../zod.js";
import type { anyEndpointSchema } from "./endpoint.js";
import { guardrailsSchema } from "./guardrails.js";
import { httpUrl } from "./http-url.js";
import { objectStorageSchema } from "./object-storage.js";
import { responseWebhookSchema } from "./response-webhook.js";
import { throughputSchema } from "./throughput.js";

/**
 * The whole connector config: the single source of truth for validation, TypeScript types and the
 * Airbyte spec (derived in ../spec.ts). Field names are a user-facing contract (saved configs and
 * the UI use them): never rename one.
 */
const DEFAULT_API_VERSION = "v23.0";
const DEFAULT_BASE_URL = "https://graph.facebook.com";

const numericId = (what: string) => z.string().check(z.regex(/^\d+$/, `must be the numeric ${what}`));

/**
 * The connector config around a given endpoint oneOf. The oneOf is built from the operation
 * definitions, which config (a bottom layer) cannot import: src/operations/catalog/connector-config.ts
 * assembles the real schema; config-level code only reads `template` (see `Config`).
 */
export function buildConfigSchema<E extends z.ZodMiniType>(endpointSchema: E) {
  const streamMappingSchema = withMeta(
    z.looseObject({
      stream_name: withMeta(z.string().check(z.minLength(1)), {
        title: "Stream name",
        description: "The name of a stream in the sync's catalog, or * for every stream not listed.",
        examples: ["invites", "*"],
        order: 0,
      }),
      namespace: withMeta(z.optional(z.string()), {
        title: "Namespace",
        description: "Only match the stream in this namespace. Leave empty to match any namespace.",
        order: 1,
      }),
      endpoint: endpointSchema,
    }),
    { title: "Stream mapping", description: "Which operation the records of one stream become." },
  );

  return withMeta(
    z.looseObject({
      access_token: withMeta(z.string().check(z.minLength(1)), {
        title: "Access token",
        description:
          "A System User access token with whatsapp_business_management (and whatsapp_business_messaging to send Flows).",
        airbyte_secret: true,
        order: 0,
      }),
      waba_id: withMeta(numericId("WhatsApp Business Account ID"), {
        title: "WhatsApp Business Account ID",
        description: "The WABA whose Flows are created and managed (WhatsApp Manager → Account tools).",
        examples: ["102290129340398"],
        order: 1,
      }),
      phone_number_id: withMeta(z.optional(numericId("Business Phone Number ID")), {
        title: "Business Phone Number ID",
        description:
          "Default sender for the send templates (WhatsApp Manager → Phone numbers, or the API Setup page).",
        examples: ["106540352242922"],
        order: 2,
      }),
      api_version: withMeta(
        z._default(z.string().check(z.regex(/^v\d+\.\d+$/, 'must look like "v23.0"')), DEFAULT_API_VERSION),
        {
          title: "Graph API version",
          description: "The Graph API version to call.",
          examples: [DEFAULT_API_VERSION],
          order: 3,
        },
      ),
      base_url: withMeta(z._default(httpUrl("the access token is the only credential"), DEFAULT_BASE_URL), {
        title: "Graph API base URL",
        description: "Leave the default, or point it at the local emulator for a dry run against a sandbox.",
        examples: [DEFAULT_BASE_URL, "http://127.0.0.1:8787"],
        order: 4,
      }),
      streams: withMeta(z._default(z.array(streamMappingSchema), []), {
        title: "Streams",
        description:
          "Classic connections: for each stream of the sync, the WhatsApp Flows operation its records become. Leave empty with data activation, where the connection maps each stream to an object (operation).",
        order: 5,
      }),
      response_webhook: responseWebhookSchema,
      on_record_error: withMeta(z._default(z.enum(["reject", "fail"]), "reject"), {
        title: "On record error",
        description:
          "reject: report the record, count it and go on. fail: stop the sync at the first rejected record.",
        order: 7,
      }),
      max_rejected_records: withMeta(z.optional(z.int().check(z.minimum(0))), {
        title: "Max rejected records",
        description: "Fail the sync once more records than this are rejected. Leave empty for no limit.",
        order: 8,
      }),
      throughput: throughputSchema,
      dry_run: withMeta(z._default(z.boolean(), false), {
        title: "Dry run",
        description: "Render and validate every request without sending anything; no state is checkpointed.",
        order: 10,
      }),
      template_language: withMeta(
        z._default(
          z
            .string()
            .check(z.regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'must be a language code such as "en_US" or "pt_BR"')),
          "en_US",
        ),
        {
          title: "Template language",
          description:
            "The message-template language of send_flow_template and create_flow_template when a record (or stream) gives none.",
          examples: ["en_US", "pt_BR"],
          order: 11,
        },
      ),
      object_storage_config: objectStorageSchema,
      guardrails: guardrailsSchema,
    }),
    { title: "WhatsApp Flows Destination Spec" },
  );
}

export type ConfigSchema = ReturnType<typeof buildConfigSchema<typeof anyEndpointSchema>>;
export type Config = z.output<ConfigSchema>;
