import { ConfigError } from "../../errors/index.js";
import type { SuppressionCode, SuppressionEntry } from "./suppression-entry.js";
import { type SuppressionPeriods, stillSuppressed } from "./suppression-periods.js";

/** What is remembered of one sender and recipient. */
export interface Suppression {
  readonly code: SuppressionCode;
  readonly at: number;
}

/** Past this many suppressed recipients the list is too large for memory. */
export const MAX_SUPPRESSED = 1_000_000;

const pairKey = (from: string, to: string) => `${from}\u0000${to}`;

/**
 * The recipients whose sends are held back, by sender: loaded once at start, in the order the
 * entries were written (the last word about a pair wins), and kept current as this sync's
 * answers come in. An entry whose period is over when it is read is dropped, so memory holds only
 * the suppressions that still hold.
 */
export class SuppressionList {
  private readonly pairs = new Map<string, Suppression>();

  constructor(
    private readonly periods: SuppressionPeriods,
    private readonly now: () => number,
    private readonly limit = MAX_SUPPRESSED,
  ) {}

  get size(): number {
    return this.pairs.size;
  }

  apply(entry: SuppressionEntry): void {
    const key = pairKey(entry.from, entry.to);
    if (entry.e === "clear" || !stillSuppressed(entry.code, entry.at, this.now(), this.periods)) {
      this.pairs.delete(key);
      return;
    }
    if (!this.pairs.has(key) && this.pairs.size >= this.limit) {
      throw new ConfigError(`the suppression list holds more than ${this.limit} recipients`, {
        code: "ERR_SUPPRESSION_TOO_LARGE",
        hint: "Shorten guardrails.opt_out_suppression_days (empty keeps opt-outs until cleared), marketing_limit_suppression_days or experiment_suppression_days",
      });
    }
    this.pairs.set(key, { code: entry.code, at: entry.at });
  }

  /** What holds sends from `from` to `to` back now, if anything. */
  find(from: string, to: string): Suppression | undefined {
    const found = this.pairs.get(pairKey(from, to));
    if (found === undefined) return undefined;
    return stillSuppressed(found.code, found.at, this.now(), this.periods) ? found : undefined;
  }
}
