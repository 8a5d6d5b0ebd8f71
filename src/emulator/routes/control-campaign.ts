import type { ServerResponse } from "node:http";
import { MESSAGING_LIMIT_TIERS, QUALITY_RATINGS, THROUGHPUT_LEVELS } from "../account/phone-facts.js";
import { sendJson } from "../respond.js";
import type { Runtime } from "../runtime.js";
import type { MessagingLimitTier, QualityRating, TemplateStatus, ThroughputLevel } from "../types.js";

type Obj = Record<string, unknown>;

const TEMPLATE_STATUSES: readonly TemplateStatus[] = [
  "PENDING",
  "APPROVED",
  "REJECTED",
  "PAUSED",
  "DISABLED",
  "IN_APPEAL",
  "ARCHIVED",
];

const obj = (body: unknown): Obj => (body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Obj) : {});

function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string): T | undefined | string {
  if (value === undefined) return undefined;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  return `${name} must be one of ${allowed.join(", ")}`;
}

function recipients(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) return undefined;
  return value.map((v: string) => v.replace(/[\s+()-]/g, ""));
}

function accountView(rt: Runtime): Obj {
  return {
    phone_numbers: rt.state.phoneNumberIds.map((id) => ({
      id,
      throughput_level: rt.phones.of(id).throughputLevel,
      quality_rating: rt.phones.of(id).qualityRating,
    })),
    messaging_limit: rt.phones.messagingLimit,
    business_initiated_recipients_24h: rt.phones.reachedCount(),
  };
}

/** Review outcome of a template: `POST /__emulator/templates/{id}` `{status, rejected_reason?}`. */
function reviewTemplate(rt: Runtime, res: ServerResponse, id: string, body: Obj): void {
  const t = rt.templates.get(id);
  if (t === undefined) return sendJson(res, 404, { error: `no template with id ${id}` });
  const status = oneOf(body.status, TEMPLATE_STATUSES, "status");
  if (status === undefined || !TEMPLATE_STATUSES.includes(status as TemplateStatus)) {
    return sendJson(res, 400, { error: status ?? "status is required" });
  }
  if (body.rejected_reason !== undefined && typeof body.rejected_reason !== "string") {
    return sendJson(res, 400, { error: "rejected_reason must be a string" });
  }
  t.status = status as TemplateStatus;
  t.rejectedReason = t.status === "REJECTED" ? String(body.rejected_reason ?? "INVALID_FORMAT") : "NONE";
  sendJson(res, 200, { template: rt.templates.rows().find((r) => r.id === id) });
}

function windows(rt: Runtime, res: ServerResponse, body: Obj): void {
  const mode = oneOf(body.mode, ["open", "enforced"] as const, "mode");
  const open = recipients(body.open);
  const close = recipients(body.close);
  const at = body.at === undefined ? Date.now() : body.at;
  if (mode !== undefined && mode !== "open" && mode !== "enforced") return sendJson(res, 400, { error: mode });
  if (open === undefined || close === undefined) {
    return sendJson(res, 400, { error: "open and close must be arrays of phone numbers" });
  }
  if (typeof at !== "number" || !Number.isFinite(at)) return sendJson(res, 400, { error: "at must be epoch milliseconds" });
  if (mode !== undefined) rt.windows.mode = mode;
  for (const r of open) rt.windows.open(r, at);
  for (const r of close) rt.windows.close(r);
  sendJson(res, 200, { mode: rt.windows.mode, windows: rt.windows.list() });
}

function phoneNumber(rt: Runtime, res: ServerResponse, id: string, body: Obj): void {
  if (!rt.state.isPhone(id)) return sendJson(res, 404, { error: `no phone number ${id}` });
  const level = oneOf(body.throughput_level, THROUGHPUT_LEVELS, "throughput_level");
  const quality = oneOf(body.quality_rating, QUALITY_RATINGS, "quality_rating");
  for (const v of [level, quality]) {
    if (v !== undefined && !([...THROUGHPUT_LEVELS, ...QUALITY_RATINGS] as string[]).includes(v)) {
      return sendJson(res, 400, { error: v });
    }
  }
  rt.phones.set(id, {
    ...(level !== undefined ? { throughputLevel: level as ThroughputLevel } : {}),
    ...(quality !== undefined ? { qualityRating: quality as QualityRating } : {}),
  });
  sendJson(res, 200, accountView(rt));
}

function messagingLimit(rt: Runtime, res: ServerResponse, body: Obj): void {
  const tier = oneOf(body.tier, MESSAGING_LIMIT_TIERS, "tier");
  if (tier === undefined || !MESSAGING_LIMIT_TIERS.includes(tier as MessagingLimitTier)) {
    return sendJson(res, 400, { error: tier ?? "tier is required" });
  }
  rt.phones.messagingLimit = tier as MessagingLimitTier;
  sendJson(res, 200, accountView(rt));
}

/**
 * The control routes of templates, customer-service windows, phone-number facts and the
 * messaging limit; false when the route is not one of them.
 */
export function handleCampaignControl(
  rt: Runtime,
  res: ServerResponse,
  method: string,
  parts: readonly string[],
  body: unknown,
): boolean {
  const [edge, id] = parts;
  const key = `${method} ${edge ?? ""}${id === undefined ? "" : "/:id"}`;
  switch (key) {
    case "GET templates":
      sendJson(res, 200, { templates: rt.templates.rows() });
      return true;
    case "POST templates/:id":
      reviewTemplate(rt, res, id!, obj(body));
      return true;
    case "GET windows":
      sendJson(res, 200, { mode: rt.windows.mode, windows: rt.windows.list() });
      return true;
    case "POST windows":
      windows(rt, res, obj(body));
      return true;
    case "GET phone_numbers":
      sendJson(res, 200, accountView(rt));
      return true;
    case "POST phone_numbers/:id":
      phoneNumber(rt, res, id!, obj(body));
      return true;
    case "POST messaging_limit":
      messagingLimit(rt, res, obj(body));
      return true;
    default:
      return false;
  }
}
