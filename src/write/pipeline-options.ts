import type { WebhookTarget } from "../config/index.js";
import type { Operation, ResolvedStream } from "../operations/index.js";
import type { CallGrants } from "./journal/call-grants.js";
import type { RecordJournal } from "./journal/record-journal.js";
import type { OutcomePolicySettings } from "./outcome-policy.js";
import type { PipelineOutput } from "./output.js";
import type { ClientTotals } from "./progress.js";
import type { Poster, RetrySchedule, WebhookOutbox } from "./response-webhook/index.js";

export interface WebhookWiring {
  readonly target: WebhookTarget;
  readonly post: Poster;
  /** Defaults: exponential backoff from 500 ms to 30 s with jitter, target.max_retries retries. */
  readonly retry?: Partial<RetrySchedule>;
  /** How long a partial batch waits for more envelopes (default 1 s). */
  readonly lingerMs?: number;
  /** Deliveries in flight at once (default max_concurrency). */
  readonly concurrency?: number;
}

export interface PipelineOptions {
  readonly streams: ReadonlyMap<string, ResolvedStream>;
  readonly operations: ReadonlyMap<string, Operation>;
  readonly output: PipelineOutput;
  readonly maxConcurrency: number;
  readonly policy: OutcomePolicySettings;
  /** Records admitted and not finished before the reader stops pulling stdin (default scales with concurrency). */
  readonly maxPending?: number;
  readonly webhook?: WebhookWiring;
  /** Object storage's keep for envelopes the webhook did not take; delivered first by the next sync. */
  readonly outbox?: WebhookOutbox;
  /** Aborted on SIGTERM/SIGINT. */
  readonly signal?: AbortSignal;
  /** After a fatal error, in-flight calls get this long before they are aborted (default 30 s). */
  readonly drainTimeoutMs?: number;
  /** Progress lines at most this often (default 10 s). */
  readonly progressIntervalMs?: number;
  readonly clientTotals?: () => ClientTotals;
  /** Per-run id mixed into webhook Idempotency-Keys (default: a random UUID). */
  readonly syncId?: string;
  /** Object storage: rejects and the send ledger, stored before records settle. */
  readonly journal?: RecordJournal;
  /** The rate the journaled calls are paced at, when known: the journal's lead covers it from the start. */
  readonly pacedCallsPerSecond?: number | undefined;
  /** The client's pacing grants, taken before a paced send's intent is written (see JournalGate). */
  readonly callGrants?: CallGrants | undefined;
  /** Redacts secrets from webhook bodies before they are signed. */
  readonly redact?: (text: string) => string;
}

export const DEFAULT_DRAIN_TIMEOUT_MS = 30_000;
export const DEFAULT_PROGRESS_INTERVAL_MS = 10_000;
/** After the drain timeout aborts them, calls that ignore the abort get this long before we stop waiting. */
export const ABORT_GRACE_MS = 5_000;

/**
 * Records read ahead of their settlement. Enough to keep every connection busy while some keys
 * wait their turn, but no more: records held longer than a young-generation GC cycle get promoted,
 * and promoted records cost more in GC than a deeper read-ahead gains (bench/README.md, "Figures
 * behind other defaults").
 */
export function defaultMaxPending(maxConcurrency: number, batchSize: number): number {
  return Math.max(256, maxConcurrency * 16, batchSize * 4);
}
