import { IDLE_RESTART_MS } from "./tuning.js";

/**
 * A lane's first requests also open connections and run the HTTP stack's first-use code (a TLS
 * handshake with Meta): those granted meanwhile reach Meta together, late, and bunch with the
 * next ones. Grants within `allowanceMs` of the lane's start (its first grant, or the first after
 * an idle spell) count as that much later. It costs no rate: the bucket catches the allowance up
 * in the window the count leaves free.
 */
export class StartupAllowance {
  /** Grants before this time are in the allowance. */
  private warmAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly allowanceMs: number) {}

  /** The time a grant made now counts as, `idleMs` after the lane's previous grant. */
  countedAt(now: number, idleMs: number): number {
    if (idleMs >= IDLE_RESTART_MS) this.warmAt = now + this.allowanceMs;
    return now < this.warmAt ? now + this.allowanceMs : now;
  }
}
