import type { Dispatcher } from "undici";
import type { PacingLane } from "./types.js";

/**
 * One attempt as the transport dispatches it: undici's own options, and what the connector's
 * interceptors read beside them (undici passes the object through and ignores these).
 */
export interface AttemptOptions extends Dispatcher.DispatchOptions {
  /** The caller's abort signal: ends the attempt, and its wait for pacing. */
  readonly signal?: AbortSignal | undefined;
  /** The pacing lane the attempt waits in (none for the response webhook). */
  readonly pacing?: PacingLane | undefined;
}
