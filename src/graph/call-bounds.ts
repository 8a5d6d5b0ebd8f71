import type { TimeoutPhase } from "./errors/request-timeout-error.js";

/**
 * The largest answer any call reads: Graph answers are a few KB (a Flow list page, an error
 * envelope, a send's wamid) and webhook answers are discarded, so 4 MiB is generous for a real
 * server and small enough that a hostile or broken one cannot grow the process.
 */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/**
 * The most bytes of an answer's status line and headers (Node's own default, 16 KiB), given to
 * every pool so that the bound is ours whatever Node's `--max-http-header-size` says: a header
 * flood fails the call.
 */
export const MAX_RESPONSE_HEADER_BYTES = 16 * 1024;

/** The bounds of every attempt: one overall deadline (connect, headers, whole body) and a size cap. */
export interface CallBounds {
  readonly deadlineMs: number;
  readonly maxResponseBytes: number;
}

/**
 * Raised inside the transport when an attempt ran past one of its bounds; the callers turn it
 * into their typed error (RequestTimeoutError, ResponseTooLargeError) with the method and URL.
 */
export class BoundExceeded extends Error {
  constructor(
    readonly bound: "deadline" | "size",
    /** For the deadline: how far the attempt got, which says whether the server may have it. */
    readonly phase: TimeoutPhase,
    readonly limit: number,
  ) {
    super(bound === "deadline" ? `no complete answer within ${limit} ms` : `answer over ${limit} bytes`);
    this.name = "BoundExceeded";
  }
}
