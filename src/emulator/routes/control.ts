import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody } from "../body/index.js";
import { faultRuleProblem } from "../faults.js";
import { type FlowRuleSettings, PUBLISHED_FLOW_EDITS, type PublishedFlowEdits } from "../flow-rules.js";
import { sendJson } from "../respond.js";
import type { Runtime } from "../runtime.js";
import type { FaultRule, RateLimitOptions } from "../types.js";
import { handleCampaignControl } from "./control-campaign.js";
import { handleGuardControl } from "./control-guards.js";

async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req, 1024 * 1024);
  if (!(raw instanceof Buffer)) throw new Error("the body is larger than 1 MiB");
  if (raw.length === 0) return undefined;
  return JSON.parse(raw.toString("utf8"));
}

/** A POSTed fault set: one rule, an array of rules, or `{faults: [...], replace?}`. */
function readRules(body: unknown): { rules: FaultRule[]; replace: boolean } | string {
  let list: unknown = body;
  let replace = false;
  if (body !== null && typeof body === "object" && !Array.isArray(body) && "faults" in body) {
    list = (body as { faults: unknown }).faults;
    replace = (body as { replace?: unknown }).replace === true;
  }
  const rules = Array.isArray(list) ? list : [list];
  for (const [i, rule] of rules.entries()) {
    const problem = faultRuleProblem(rule);
    if (problem !== undefined) return `fault rule ${i}: ${problem}`;
  }
  return { rules: rules as FaultRule[], replace };
}

function readLimits(body: unknown): RateLimitOptions | string {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return "limits must be an object";
  const out: RateLimitOptions = {};
  const flag = (body as Record<string, unknown>).throughputByLevel;
  if (flag !== undefined && typeof flag !== "boolean") return "throughputByLevel must be a boolean";
  if (flag !== undefined) out.throughputByLevel = flag;
  for (const key of ["messagesPerSecond", "pairRatePerWindow", "pairWindowMs"] as const) {
    const v = (body as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (v !== null && (typeof v !== "number" || v < 0)) return `${key} must be a non-negative number or null`;
    out[key] = v === null ? undefined : v;
  }
  return out;
}

/** `{published_flow_edits?: "draft" | "refuse", extra_flow_json_versions?: ["7.4"]}`. */
function readFlowRules(body: unknown): FlowRuleSettings | string {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return "flow rules must be an object";
  const { published_flow_edits: edits, extra_flow_json_versions: versions } = body as Record<string, unknown>;
  if (edits !== undefined && !PUBLISHED_FLOW_EDITS.includes(edits as PublishedFlowEdits)) {
    return `published_flow_edits must be one of ${PUBLISHED_FLOW_EDITS.join(", ")}`;
  }
  if (versions !== undefined && (!Array.isArray(versions) || versions.some((v) => typeof v !== "string"))) {
    return "extra_flow_json_versions must be an array of strings";
  }
  return {
    ...(edits === undefined ? {} : { publishedFlowEdits: edits as PublishedFlowEdits }),
    ...(versions === undefined ? {} : { extraFlowJsonVersions: versions as string[] }),
  };
}

/**
 * The control API under /__emulator/ (no token): reset, faults, limits, Meta's Flow rules
 * (flow-rules), the request log at /journal (and whether it keeps each request's body and
 * answer), the flows table and asset downloads, the status log of accepted messages (their
 * callback data) and Marketing Messages API onboarding; templates, windows and account facts in
 * control-campaign.ts. Answers plain JSON; bad input is a 400 with `{error}`.
 */
export async function handleControl(
  rt: Runtime,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  search: string,
): Promise<void> {
  const method = req.method ?? "GET";
  const parts = path
    .split("/")
    .filter((s) => s !== "")
    .slice(1);
  const key = `${method} ${parts[0] ?? ""}`;
  let body: unknown;
  try {
    body = method === "POST" || method === "PUT" ? await readJson(req) : undefined;
  } catch (error) {
    sendJson(res, 400, { error: `invalid JSON body: ${(error as Error).message}` });
    return;
  }
  switch (key) {
    case "GET health":
      return sendJson(res, 200, { ok: true });
    case "POST reset":
      resetRuntime(rt);
      return sendJson(res, 200, { success: true });
    case "GET faults":
      return sendJson(res, 200, { faults: rt.faults.active });
    case "POST faults": {
      const read = readRules(body);
      if (typeof read === "string") return sendJson(res, 400, { error: read });
      if (read.replace) rt.faults.set(read.rules);
      else rt.faults.add(read.rules);
      return sendJson(res, 200, { faults: rt.faults.active });
    }
    case "DELETE faults":
      rt.faults.clear();
      return sendJson(res, 200, { faults: [] });
    case "GET limits":
      return sendJson(res, 200, rt.limiter.options);
    case "POST limits": {
      const limits = readLimits(body);
      if (typeof limits === "string") return sendJson(res, 400, { error: limits });
      rt.limiter.set(limits);
      return sendJson(res, 200, rt.limiter.options);
    }
    case "GET flow-rules":
      return sendJson(res, 200, rt.state.rules.view());
    case "POST flow-rules": {
      const rules = readFlowRules(body);
      if (typeof rules === "string") return sendJson(res, 400, { error: rules });
      rt.state.rules.set(rules);
      return sendJson(res, 200, rt.state.rules.view());
    }
    case "GET journal": {
      const since = Number(new URLSearchParams(search).get("since") ?? 0);
      return sendJson(res, 200, {
        entries: rt.requestLog.list(Number.isFinite(since) ? since : 0),
        dropped: rt.requestLog.dropped,
        dropped_by_route: rt.requestLog.droppedByRoute,
        exchanges: rt.requestLog.exchanges,
        uncaptured: rt.requestLog.uncaptured,
      });
    }
    case "POST journal": {
      const on = (body as { exchanges?: unknown } | undefined)?.exchanges;
      if (typeof on !== "boolean") return sendJson(res, 400, { error: "exchanges must be a boolean" });
      rt.requestLog.exchanges = on;
      return sendJson(res, 200, { exchanges: on });
    }
    case "DELETE journal":
      rt.requestLog.clear();
      return sendJson(res, 200, { entries: [] });
    case "GET flows":
      return sendJson(res, 200, { flows: rt.state.rows() });
    case "GET statuses":
      return sendJson(res, 200, { statuses: rt.statuses.list() });
    case "GET marketing_messages":
      return sendJson(res, 200, { onboarded: rt.statuses.marketingMessagesOnboarded });
    case "POST marketing_messages": {
      const onboarded = (body as { onboarded?: unknown } | undefined)?.onboarded;
      if (typeof onboarded !== "boolean") return sendJson(res, 400, { error: "onboarded must be a boolean" });
      rt.statuses.marketingMessagesOnboarded = onboarded;
      return sendJson(res, 200, { onboarded });
    }
    case "GET assets": {
      const flow = rt.state.flows.get(parts[1] ?? "");
      if (flow?.flowJson === undefined) return sendJson(res, 404, { error: "no such flow asset" });
      return sendJson(res, 200, flow.flowJson);
    }
    default:
      if (handleCampaignControl(rt, res, method, parts, body)) return;
      if (handleGuardControl(rt, res, method, parts, body)) return;
      return sendJson(res, 404, { error: `unknown control route ${method} ${path}` });
  }
}

export function resetRuntime(rt: Runtime): void {
  rt.state.reset();
  rt.faults.clear();
  rt.limiter.reset();
  rt.requestLog.clear();
  rt.usage.reset();
  rt.templates.reset();
  rt.windows.reset();
  rt.optOuts.reset();
  rt.phones.reset();
  rt.statuses.reset();
}
