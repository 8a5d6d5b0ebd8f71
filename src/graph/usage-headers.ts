/**
 * Meta's throttling hints: `Retry-After`, `x-business-use-case-usage` (BUC: per business id, a list
 * of usage entries with percentages and `estimated_time_to_regain_access` in minutes) and
 * `x-app-usage` (percentages). Parsed only on the slow paths (errors, management calls).
 */
export interface UsageInfo {
  /** Highest usage percentage seen in the header (0–100+). */
  readonly maxPercent: number;
  /** Milliseconds until access comes back, when Meta says so (0 otherwise). */
  readonly regainAccessMs: number;
}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined || value === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function num(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

function usageOf(entry: unknown): UsageInfo {
  if (typeof entry !== "object" || entry === null) return { maxPercent: 0, regainAccessMs: 0 };
  const e = entry as Record<string, unknown>;
  return {
    maxPercent: Math.max(num(e.call_count), num(e.total_cputime), num(e.total_time)),
    regainAccessMs: num(e.estimated_time_to_regain_access) * 60_000,
  };
}

function merge(a: UsageInfo, b: UsageInfo): UsageInfo {
  return {
    maxPercent: Math.max(a.maxPercent, b.maxPercent),
    regainAccessMs: Math.max(a.regainAccessMs, b.regainAccessMs),
  };
}

/** `x-business-use-case-usage`: the worst entry over every business id and use-case type. */
export function parseBusinessUseCaseUsage(value: string | undefined): UsageInfo | undefined {
  if (!value) return undefined;
  const parsed = safeJson(value);
  if (typeof parsed !== "object" || parsed === null) return undefined;
  let out: UsageInfo = { maxPercent: 0, regainAccessMs: 0 };
  for (const entries of Object.values(parsed)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) out = merge(out, usageOf(entry));
  }
  return out;
}

/** `x-app-usage`: `{call_count, total_time, total_cputime}` percentages. */
export function parseAppUsage(value: string | undefined): UsageInfo | undefined {
  if (!value) return undefined;
  const parsed = safeJson(value);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
  return usageOf(parsed);
}

/** Both usage headers folded into one view; undefined when neither is present. */
export function readUsage(headers: Readonly<Record<string, string>>): UsageInfo | undefined {
  const buc = parseBusinessUseCaseUsage(headers["x-business-use-case-usage"]);
  const app = parseAppUsage(headers["x-app-usage"]);
  if (buc && app) return merge(buc, app);
  return buc ?? app;
}

/**
 * Extra spacing between management calls as usage nears 100 %: none below 75 %, then growing
 * linearly to 10 s at 100 % (a heuristic: Meta's budgets are hourly, and at 100 % it answers with
 * a regain-access time we wait out anyway).
 */
export function usageSpacingMs(percent: number): number {
  if (percent <= 75) return 0;
  return Math.round(Math.min(1, (percent - 75) / 25) * 10_000);
}
