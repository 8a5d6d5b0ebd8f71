import type { GuardrailsConfig } from "../../config/index.js";
import type { SuppressionCode } from "./suppression-entry.js";

const DAY_MS = 86_400_000;

/** How long each answer is remembered, in ms: `until_cleared`, or 0 for not at all. */
export type SuppressionPeriod = number | "until_cleared";

export type SuppressionPeriods = Readonly<Record<SuppressionCode, SuppressionPeriod>>;

/** The periods the config's guardrails set (defaults in config/schema/guardrails.ts). */
export function suppressionPeriods(guardrails: GuardrailsConfig): SuppressionPeriods {
  const optOut = guardrails.opt_out_suppression_days;
  return {
    131050: optOut === undefined ? "until_cleared" : optOut * DAY_MS,
    131049: guardrails.marketing_limit_suppression_days * DAY_MS,
    130472: guardrails.experiment_suppression_days * DAY_MS,
  };
}

/**
 * When a remembered answer stops holding sends back: undefined while it lasts until a record
 * clears it; `at` itself when the code is not remembered. Periods are read from the current
 * config, so a changed period applies to what was remembered before too.
 */
export function suppressedUntil(
  code: SuppressionCode,
  at: number,
  periods: SuppressionPeriods,
): number | undefined {
  const period = periods[code];
  return period === "until_cleared" ? undefined : at + period;
}

/** Whether an answer remembered at `at` still holds sends back at `now`. */
export function stillSuppressed(
  code: SuppressionCode,
  at: number,
  now: number,
  periods: SuppressionPeriods,
): boolean {
  const until = suppressedUntil(code, at, periods);
  return until === undefined || until > now;
}
