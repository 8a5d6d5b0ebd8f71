import type { Config } from "../config/index.js";
import type { GraphClient } from "../graph/index.js";
import { definitionOf, pacedAsSend } from "../operations/index.js";

/** What Meta says about a business phone number that bounds a campaign. */
export interface SenderFacts {
  readonly phoneNumberId: string;
  readonly displayPhoneNumber: string | undefined;
  /** `throughput.level`: STANDARD, HIGH, … */
  readonly throughputLevel: string | undefined;
  readonly qualityRating: string | undefined;
  /** The business portfolio's messaging limit, e.g. TIER_2K. */
  readonly messagingLimit: string | undefined;
}

const FIELDS = "display_phone_number,quality_rating,throughput,whatsapp_business_manager_messaging_limit";

/**
 * Every sender the config names before any record is read, with the config path that names it:
 * the default phone_number_id and each sending stream's own. Records may name others; those are
 * not known until they arrive.
 */
export function configuredSenderPaths(config: Config): Map<string, string> {
  const ids = new Map<string, string>();
  if (config.phone_number_id) ids.set(config.phone_number_id, "phone_number_id");
  config.streams.forEach((mapping, i) => {
    const { template, phone_number_id: sender } = mapping.endpoint;
    // A definition whose effects depend on its endpoint (advanced) fixes no sender of its own.
    const effects = definitionOf(template)?.effects;
    const sends = typeof effects === "string" && pacedAsSend(effects);
    if (sends && typeof sender === "string" && sender !== "" && !ids.has(sender)) {
      ids.set(sender, `streams[${i}].endpoint.phone_number_id`);
    }
  });
  return ids;
}

/** The configured senders' ids (see configuredSenderPaths). */
export function configuredSenders(config: Config): string[] {
  return [...configuredSenderPaths(config).keys()];
}

const text = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** GET /{phone}?fields=throughput,quality_rating,whatsapp_business_manager_messaging_limit… */
export async function readSenderFacts(
  client: GraphClient,
  phoneNumberId: string,
  signal: AbortSignal,
): Promise<SenderFacts> {
  const { body } = await client.request({
    method: "GET",
    path: phoneNumberId,
    query: { fields: FIELDS },
    body: { kind: "none" },
    idempotent: true,
    pacing: { kind: "none" },
    signal,
  });
  const b = (body ?? {}) as Record<string, unknown>;
  const throughput = (b.throughput ?? {}) as { level?: unknown };
  return {
    phoneNumberId,
    displayPhoneNumber: text(b.display_phone_number),
    throughputLevel: text(throughput.level),
    qualityRating: text(b.quality_rating),
    messagingLimit: text(b.whatsapp_business_manager_messaging_limit),
  };
}
