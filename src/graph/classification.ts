export type ErrorKind = "config" | "rate_limit" | "pause" | "transient" | "reject" | "ambiguous";

/** What one failed call means: the client decides it once and attaches it to the error it throws. */
export interface Classification {
  readonly kind: ErrorKind;
  /** Whether sending the same request again is safe and may help. */
  readonly retryable: boolean;
  readonly reason: string;
}
