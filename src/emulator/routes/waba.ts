import { project, requestedFields } from "../fields.js";
import type { Reply, RouteContext } from "../route-context.js";
import { page, requireWaba } from "./lookup.js";

export function getWaba(ctx: RouteContext): Reply {
  const id = requireWaba(ctx);
  const getters: Record<string, () => unknown> = {
    id: () => id,
    name: () => ctx.state.wabaName,
    timezone_id: () => "1",
    business_type: () => "ent",
    message_template_namespace: () => `emulator_${id}`,
    currency: () => "USD",
    account_review_status: () => "APPROVED",
  };
  const fields = requestedFields(ctx.query.get("fields"), [
    "id",
    "name",
    "timezone_id",
    "business_type",
    "message_template_namespace",
  ]);
  return { status: 200, body: project(fields, getters, "WhatsAppBusinessAccount") };
}

export function listPhoneNumbers(ctx: RouteContext): Reply {
  requireWaba(ctx);
  const phones = ctx.state.phoneNumberIds.map((id, i) => ({
    verified_name: `Emulator number ${i + 1}`,
    code_verification_status: "VERIFIED",
    display_phone_number: `+1 555-010-${String(1000 + i).slice(-4)}`,
    quality_rating: "GREEN",
    platform_type: "CLOUD_API",
    throughput: { level: "STANDARD" },
    id,
  }));
  return { status: 200, body: page(ctx, phones) };
}
