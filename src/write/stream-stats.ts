/** Counters of one stream, for progress lines and the final summary. */
export class StreamStats {
  /** Records read. */
  records = 0;
  succeeded = 0;
  rejected = 0;
  ambiguous = 0;
  /** Retries of this stream's calls: a call sent again by the retry policy (never a follow-up call). */
  retried = 0;
  /** `succeeded + rejected + ambiguous` at the last progress line. */
  reportedDone = 0;

  constructor(readonly label: string) {}

  /** Counts one record's final outcome and its calls' retries. */
  count(kind: "succeeded" | "rejected" | "ambiguous", calls: { readonly retries: number }): void {
    this.retried += calls.retries;
    this[kind]++;
  }

  get done(): number {
    return this.succeeded + this.rejected + this.ambiguous;
  }
}
