import { project, requestedFields } from "../fields.js";
import type { Reply, RouteContext } from "../route-context.js";
import { page, requireWaba } from "./lookup.js";
import { phoneNumberGetters } from "./phone-number.js";

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

const LIST_FIELDS = [
  "verified_name",
  "code_verification_status",
  "display_phone_number",
  "quality_rating",
  "platform_type",
  "throughput",
  "id",
];

export function listPhoneNumbers(ctx: RouteContext): Reply {
  requireWaba(ctx);
  // The list shows the same fields whatever `fields` asks, as it always has here.
  const phones = ctx.state.phoneNumberIds.map((id) =>
    project(LIST_FIELDS, phoneNumberGetters(ctx, id), "WhatsAppBusinessPhoneNumber"),
  );
  return { status: 200, body: page(ctx, phones) };
}
