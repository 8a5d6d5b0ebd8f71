import { project, requestedFields } from "../fields.js";
import type { Reply, RouteContext } from "../route-context.js";
import { requirePhone } from "./lookup.js";

/** Meta's default fields of a phone number node. */
const DEFAULT_FIELDS = ["id", "display_phone_number", "verified_name", "quality_rating"];

/** A business phone number as the Graph API shows it: identity, quality, throughput, limit. */
export function phoneNumberGetters(ctx: RouteContext, id: string): Record<string, () => unknown> {
  const i = Math.max(0, ctx.state.phoneNumberIds.indexOf(id));
  const facts = ctx.phones.of(id);
  return {
    id: () => id,
    verified_name: () => `Emulator number ${i + 1}`,
    code_verification_status: () => "VERIFIED",
    display_phone_number: () => `+1 555-010-${String(1000 + i).slice(-4)}`,
    quality_rating: () => facts.qualityRating,
    platform_type: () => "CLOUD_API",
    status: () => "CONNECTED",
    name_status: () => "APPROVED",
    throughput: () => ({ level: facts.throughputLevel }),
    whatsapp_business_manager_messaging_limit: () => ctx.phones.messagingLimit,
  };
}

/** GET /{phone}?fields=throughput,quality_rating,whatsapp_business_manager_messaging_limit,... */
export function getPhoneNumber(ctx: RouteContext): Reply {
  const id = requirePhone(ctx);
  const fields = requestedFields(ctx.query.get("fields"), DEFAULT_FIELDS);
  return { status: 200, body: project(fields, phoneNumberGetters(ctx, id), "WhatsAppBusinessPhoneNumber") };
}
