import * as z from "../../zod.js";
import { withMeta } from "../../zod.js";

/**
 * Building blocks of the endpoint oneOf. The options themselves belong to the operation
 * definitions (src/operations/catalog/definitions.ts holds the one ordered list); config is a bottom layer
 * and cannot import them, so the connector's config schema is assembled above it from
 * `endpointOneOf` and `buildConfigSchema` (see docs/architecture.md).
 */
export const flowIdField = withMeta(
  z.optional(z.string().check(z.regex(/^\d+$/, "must be the numeric Flow ID"))),
  {
    title: "Flow ID",
    description:
      "The Flow every record of this stream acts on. Leave empty to take it from each record's `flow_id` field.",
    examples: ["1234567890123456"],
    order: 1,
  },
);

export const phoneNumberIdField = withMeta(
  z.optional(z.string().check(z.regex(/^\d+$/, "must be the numeric Business Phone Number ID"))),
  {
    title: "Business Phone Number ID",
    description:
      "The sender for this stream. Leave empty to use each record's `phone_number_id`, else the connector's default Business Phone Number ID.",
    examples: ["106540352242922"],
    order: 1,
  },
);

export function templateConst<T extends string>(value: T, title: string) {
  return withMeta(z.literal(value), { title: "Template", description: title, order: 0 });
}

/** What every endpoint option shares: the `template` discriminator, and whatever else it takes. */
export type EndpointOption = z.ZodMiniObject<{ template: z.ZodMiniLiteral<string> } & z.core.$ZodShape>;

/**
 * The endpoint oneOf: one option per operation, discriminated by `template` alone (Airbyte's UI
 * renders a oneOf as a dropdown keyed by the single `const` property all options share).
 */
export function endpointOneOf(options: readonly [EndpointOption, ...EndpointOption[]]) {
  return withMeta(z.discriminatedUnion("template", [...options]), {
    title: "Endpoint",
    description: "The WhatsApp Flows API operation each record of the stream becomes.",
    order: 2,
  });
}

/** The endpoint as config-level code sees it: which operation, and its options unread. */
export const anyEndpointSchema = z.looseObject({ template: z.string() });
export type EndpointConfig = z.output<typeof anyEndpointSchema>;
