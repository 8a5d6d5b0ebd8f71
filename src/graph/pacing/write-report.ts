/**
 * What the transport tells a paced send lane about a granted request, so that the lane counts
 * it when it left rather than when it was granted (see RateLaneOptions.countWrites).
 */
export interface WriteReport {
  /** The request was written to its connection now. */
  written(): void;
  /** The request will not be written (it failed or was aborted before). */
  unwritten(): void;
}
