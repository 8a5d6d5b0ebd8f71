import * as z from "../../zod.js";
import { withMeta } from "../../zod.js";
import { httpUrl } from "./http-url.js";
import { webhookHeadersSchema } from "./webhook-headers.js";

const disabled = withMeta(
  z.looseObject({
    mode: withMeta(z.literal("disabled"), { title: "Mode", description: "No forwarding.", order: 0 }),
  }),
  { title: "Disabled", description: "API responses are not forwarded." },
);

const webhook = withMeta(
  z.looseObject({
    mode: withMeta(z.literal("webhook"), { title: "Mode", description: "Forward every outcome.", order: 0 }),
    url: withMeta(httpUrl("put an Authorization header in Webhook headers, which are kept secret"), {
      title: "Webhook URL",
      description: "Receives one POST per record outcome (or a batch): the response envelope as JSON.",
      examples: ["https://hooks.example.com/whatsapp-flows"],
      order: 1,
    }),
    headers: withMeta(webhookHeadersSchema, {
      title: "Webhook headers",
      description:
        'Comma-separated "name:value" pairs sent with every delivery, e.g. an auth header. Kept secret.',
      airbyte_secret: true,
      order: 2,
    }),
    signing_secret: withMeta(z.optional(z.string()), {
      title: "Signing secret",
      description:
        "When set, each delivery carries X-Signature-256: sha256=<hex HMAC-SHA256 of the body> so the receiver can verify it.",
      airbyte_secret: true,
      order: 3,
    }),
    include_record: withMeta(z._default(z.boolean(), false), {
      title: "Include the record",
      description: "Add the input record to each envelope (it may hold personal data such as phone numbers).",
      order: 4,
    }),
    batch_size: withMeta(z._default(z.int().check(z.minimum(1), z.maximum(500)), 1), {
      title: "Batch size",
      description: "Envelopes per delivery. 1 sends one envelope as a JSON object; more sends a JSON array.",
      order: 5,
    }),
    max_retries: withMeta(z._default(z.int().check(z.minimum(0), z.maximum(20)), 5), {
      title: "Delivery retries",
      description:
        "Retries of a failed delivery (with backoff). A record is only settled once its envelope is delivered: when retries run out the sync fails with a transient error.",
      order: 6,
    }),
  }),
  { title: "Webhook", description: "POST every API response to a URL you control." },
);

export const responseWebhookSchema = withMeta(
  z.prefault(z.discriminatedUnion("mode", [disabled, webhook]), { mode: "disabled" }),
  {
    title: "Response webhook",
    description:
      "Forward every API response (and every rejection) to a webhook, so that responses become data again.",
    order: 6,
  },
);

export type ResponseWebhookConfig = z.output<typeof responseWebhookSchema>;
export type WebhookTarget = Extract<ResponseWebhookConfig, { mode: "webhook" }>;
