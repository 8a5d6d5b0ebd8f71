import type { FaultRule, RouteName } from "./types.js";

const ROUTES = new Set<string>([
  "*",
  "waba",
  "phone_numbers",
  "list_flows",
  "create",
  "get_flow",
  "update_metadata",
  "delete",
  "update_flow_json",
  "list_assets",
  "publish",
  "deprecate",
  "send",
  "phone_number",
  "list_templates",
  "create_template",
  "unknown",
]);

/** Why a fault rule is not usable, or undefined; the control API answers 400 with it. */
export function faultRuleProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return "a fault rule must be an object";
  const r = value as Record<string, unknown>;
  if (r.route !== undefined && (typeof r.route !== "string" || !ROUTES.has(r.route))) {
    return `route must be one of ${[...ROUTES].join(", ")}`;
  }
  for (const k of ["status", "code", "subcode", "latencyMs", "times", "after"]) {
    const v = r[k];
    if (v !== undefined && (typeof v !== "number" || !Number.isInteger(v) || v < 0)) {
      return `${k} must be a non-negative integer`;
    }
  }
  if (r.status !== undefined && ((r.status as number) < 100 || (r.status as number) > 599)) {
    return "status must be an HTTP status";
  }
  if (r.rate !== undefined && (typeof r.rate !== "number" || r.rate < 0 || r.rate > 1))
    return "rate must be 0..1";
  if (r.reset !== undefined && r.reset !== "before-body" && r.reset !== "after-body") {
    return "reset must be before-body or after-body";
  }
  for (const k of ["message", "type", "details", "body", "contentType"]) {
    if (r[k] !== undefined && typeof r[k] !== "string") return `${k} must be a string`;
  }
  if (r.is_transient !== undefined && typeof r.is_transient !== "boolean")
    return "is_transient must be a boolean";
  if (r.body !== undefined && r.code !== undefined) return "a fault rule answers either code or body";
  if (r.code === undefined && r.reset === undefined && r.latencyMs === undefined && r.body === undefined) {
    return "a fault rule needs code, body, reset or latencyMs";
  }
  return undefined;
}

/** A deterministic PRNG (mulberry32) so seeded runs draw the same `rate` hits. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
  /** Matching requests still to let through before the rule applies. */
  passing: number;
}

/** The injectable faults; the first matching rule that draws a hit applies to a request. */
export class Faults {
  private rules: ActiveRule[] = [];
  private readonly random: () => number;

  constructor(seed?: number) {
    this.random = seed === undefined ? Math.random : mulberry32(seed);
  }

  get active(): FaultRule[] {
    return this.rules.map((r) => (Number.isFinite(r.remaining) ? { ...r.rule, times: r.remaining } : r.rule));
  }

  get size(): number {
    return this.rules.length;
  }

  set(rules: readonly FaultRule[]): void {
    this.rules = [];
    this.add(rules);
  }

  add(rules: readonly FaultRule[]): void {
    for (const rule of rules)
      this.rules.push({
        rule: { ...rule },
        remaining: rule.times ?? Number.POSITIVE_INFINITY,
        passing: rule.after ?? 0,
      });
  }

  clear(): void {
    this.rules = [];
  }

  pick(route: RouteName): FaultRule | undefined {
    if (this.rules.length === 0) return undefined;
    for (let i = 0; i < this.rules.length; i++) {
      const active = this.rules[i]!;
      const r = active.rule;
      if (r.route !== undefined && r.route !== "*" && r.route !== route) continue;
      if (active.passing > 0) {
        active.passing -= 1;
        continue;
      }
      if (r.rate !== undefined && r.rate < 1 && this.random() >= r.rate) continue;
      active.remaining -= 1;
      if (active.remaining <= 0) this.rules.splice(i, 1);
      return r;
    }
    return undefined;
  }
}
