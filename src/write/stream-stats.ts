/** Counters of one stream, for progress lines and the final summary. */
export class StreamStats {
  /** Records read. */
  records = 0;
  succeeded = 0;
  rejected = 0;
  ambiguous = 0;
  /** Extra attempts (attempts beyond the first) of this stream's calls. */
  retried = 0;
  /** `succeeded + rejected + ambiguous` at the last progress line. */
  reportedDone = 0;

  constructor(readonly label: string) {}

  /** Counts one final outcome (its extra attempts as retries). */
  count(outcome: { readonly kind: "succeeded" | "rejected" | "ambiguous"; readonly attempts: number }): void {
    this.retried += Math.max(0, outcome.attempts - 1);
    this[
      outcome.kind === "succeeded" ? "succeeded" : outcome.kind === "rejected" ? "rejected" : "ambiguous"
    ]++;
  }

  get done(): number {
    return this.succeeded + this.rejected + this.ambiguous;
  }
}
