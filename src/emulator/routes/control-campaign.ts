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

const obj = (body: unknown): Obj =>
  body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Obj) : {};

interface ControlReply {
  readonly status: number;
  readonly body: unknown;
}
const ok = (body: unknown): ControlReply => ({ status: 200, body });
const bad = (error: string, status = 400): ControlReply => ({ status, body: { error } });

/** `value` when it is one of `allowed`, undefined when absent, else the problem. */
function pick<T extends string>(
  value: unknown,
  allowed: readonly T[],
  name: string,
): { value?: T; problem?: string } {
  if (value === undefined) return {};
  if (typeof value === "string" && (allowed as readonly string[]).includes(value))
    return { value: value as T };
  return { problem: `${name} must be one of ${allowed.join(", ")}` };
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
function reviewTemplate(rt: Runtime, id: string, body: Obj): ControlReply {
  const t = rt.templates.get(id);
  if (t === undefined) return bad(`no template with id ${id}`, 404);
  const status = pick(body.status, TEMPLATE_STATUSES, "status");
  if (status.value === undefined) return bad(status.problem ?? "status is required");
  if (body.rejected_reason !== undefined && typeof body.rejected_reason !== "string") {
    return bad("rejected_reason must be a string");
  }
  t.status = status.value;
  t.rejectedReason = t.status === "REJECTED" ? String(body.rejected_reason ?? "INVALID_FORMAT") : "NONE";
  return ok({ template: rt.templates.rows().find((r) => r.id === id) });
}

/** `POST /__emulator/windows` `{mode?, open?: [phone], close?: [phone], at?: epoch ms}`. */
function windows(rt: Runtime, body: Obj): ControlReply {
  const mode = pick(body.mode, ["open", "enforced"] as const, "mode");
  const open = recipients(body.open);
  const close = recipients(body.close);
  const at = body.at === undefined ? Date.now() : body.at;
  if (mode.problem !== undefined) return bad(mode.problem);
  if (open === undefined || close === undefined) return bad("open and close must be arrays of phone numbers");
  if (typeof at !== "number" || !Number.isFinite(at)) return bad("at must be epoch milliseconds");
  if (mode.value !== undefined) rt.windows.mode = mode.value;
  for (const r of open) rt.windows.open(r, at);
  for (const r of close) rt.windows.close(r);
  return ok({ mode: rt.windows.mode, windows: rt.windows.list() });
}

function phoneNumber(rt: Runtime, id: string, body: Obj): ControlReply {
  if (!rt.state.isPhone(id)) return bad(`no phone number ${id}`, 404);
  const level = pick<ThroughputLevel>(body.throughput_level, THROUGHPUT_LEVELS, "throughput_level");
  const quality = pick<QualityRating>(body.quality_rating, QUALITY_RATINGS, "quality_rating");
  const problem = level.problem ?? quality.problem;
  if (problem !== undefined) return bad(problem);
  rt.phones.set(id, {
    ...(level.value !== undefined ? { throughputLevel: level.value } : {}),
    ...(quality.value !== undefined ? { qualityRating: quality.value } : {}),
  });
  return ok(accountView(rt));
}

/**
 * `POST /__emulator/opt_outs` `{opt_out?: [phone], opt_in?: [phone]}`: recipients who stopped
 * (or resumed) marketing messages; MARKETING templates to them are answered 131050.
 */
function optOuts(rt: Runtime, body: Obj): ControlReply {
  const out = recipients(body.opt_out);
  const back = recipients(body.opt_in);
  if (out === undefined || back === undefined)
    return bad("opt_out and opt_in must be arrays of phone numbers");
  for (const r of out) rt.optOuts.optOut(r);
  for (const r of back) rt.optOuts.optIn(r);
  return ok({ opted_out: rt.optOuts.list() });
}

function messagingLimit(rt: Runtime, body: Obj): ControlReply {
  const tier = pick<MessagingLimitTier>(body.tier, MESSAGING_LIMIT_TIERS, "tier");
  if (tier.value === undefined) return bad(tier.problem ?? "tier is required");
  rt.phones.messagingLimit = tier.value;
  return ok(accountView(rt));
}

function route(rt: Runtime, key: string, id: string, body: Obj): ControlReply | undefined {
  switch (key) {
    case "GET templates":
      return ok({ templates: rt.templates.rows() });
    case "POST templates/:id":
      return reviewTemplate(rt, id, body);
    case "GET windows":
      return ok({ mode: rt.windows.mode, windows: rt.windows.list() });
    case "POST windows":
      return windows(rt, body);
    case "GET phone_numbers":
      return ok(accountView(rt));
    case "POST phone_numbers/:id":
      return phoneNumber(rt, id, body);
    case "GET opt_outs":
      return ok({ opted_out: rt.optOuts.list() });
    case "POST opt_outs":
      return optOuts(rt, body);
    case "POST messaging_limit":
      return messagingLimit(rt, body);
    default:
      return undefined;
  }
}

/**
 * The control routes of templates, customer-service windows, phone-number facts, the
 * messaging limit and marketing opt-outs; false when the route is not one of them.
 */
export function handleCampaignControl(
  rt: Runtime,
  res: ServerResponse,
  method: string,
  parts: readonly string[],
  body: unknown,
): boolean {
  const [edge, id] = parts;
  const reply = route(rt, `${method} ${edge ?? ""}${id === undefined ? "" : "/:id"}`, id ?? "", obj(body));
  if (reply === undefined) return false;
  sendJson(res, reply.status, reply.body);
  return true;
}
