/**
 * The contract between the write pipeline and the operations. An operation is two steps:
 * `plan` (pure, synchronous: record → request, or a RecordError before any call) and `execute`
 * (the call, its retries inside the Graph client, and the reading of the answer into an outcome).
 * Keeping `plan` pure lets the pipeline reject bad records at read time, compute the ordering key,
 * and render dry runs without a network.
 */

import type { ConnectorError, RecordError } from "../../errors/index.js";
import type { CallTally } from "./call-tally.js";
import type { Effects } from "./effects.js";
import type { ResolvedStream } from "./resolved-stream.js";

export interface RecordContext {
  readonly stream: ResolvedStream;
  /** 1-based position of the record within its stream in this sync: the id used in reports. */
  readonly recordIndex: number;
  /** 1-based line of stdin that carried it. */
  readonly lineNumber: number;
  /** The record's Graph calls and their retries: every call `execute` makes adds to it. */
  readonly calls: CallTally;
}

/** What was (or would be) sent, without secrets: for reports, the webhook and dry runs. */
export interface RequestSummary {
  readonly method: string;
  readonly url: string;
}

/**
 * Why a success is a success when the plain answer was not enough: the name already existed
 * (resolved to that Flow), the Flow was already deprecated or already gone, or a publish whose
 * answer was lost was confirmed by reading the Flow's status.
 */
export type SuccessResolution =
  | "existing_flow"
  | "existing_template"
  | "already_deprecated"
  | "already_deleted"
  | "confirmed_by_status"
  /** The send ledger shows an earlier attempt of this sync (or window) already made this call. */
  | "sent_in_earlier_attempt";

export interface SucceededOutcome {
  readonly kind: "succeeded";
  readonly request: RequestSummary;
  readonly response: { readonly status: number; readonly body: unknown };
  /** What the call produced, when it has an id worth reporting. */
  readonly result?: { readonly flowId?: string; readonly messageId?: string };
  /** Set when the outcome was settled by a follow-up read rather than by the answer itself. */
  readonly resolution?: SuccessResolution;
  /** What the record should still look at (Flow JSON warnings); absent when there is none. */
  readonly warnings?: readonly string[];
  /** One line on what was done, for the report (deploy_flow: created / reused, uploaded, …). */
  readonly note?: string;
}

export interface RejectedOutcome {
  readonly kind: "rejected";
  readonly request?: RequestSummary;
  readonly response?: { readonly status: number; readonly body: unknown };
  readonly error: ConnectorError;
}

/** A send that may have been delivered: never re-sent by us, reported for a human to decide. */
export interface AmbiguousOutcome {
  readonly kind: "ambiguous";
  readonly request: RequestSummary;
  readonly response?: { readonly status: number; readonly body: unknown };
  readonly error: ConnectorError;
}

export type Outcome = SucceededOutcome | RejectedOutcome | AmbiguousOutcome;

export interface Operation<Plan = unknown> {
  /** The operation it runs: its definition's name, `endpoint.template` in the config. */
  readonly name: string;
  /**
   * Reads, once before the first record, what `plan` checks records against (the WABA's message
   * templates). Resolves with a note for the log when it could not, and the sync goes on without.
   */
  prepare?(signal?: AbortSignal): Promise<string | undefined>;
  /**
   * What its calls do, from its definition (./effects.ts): whether the send ledger journals them
   * and whether they are paced as message sends derive from it.
   */
  readonly effects: Effects;
  /**
   * An earlier attempt started this call and recorded no outcome (it was killed): finds out
   * whether that call took effect. An outcome when it did (or `ambiguous` when that cannot be
   * told); "call" when the call may be made now (it did not, or `execute` finds it first and Meta
   * refuses a second one). Without it, such a record is reported ambiguous, never called again.
   */
  settleEarlierTry?(plan: Plan, signal?: AbortSignal): Promise<Outcome | "call">;
  /**
   * Builds the request for one record. Throws RecordError (naming stream, record index and field)
   * when the record cannot become a request; never does I/O.
   */
  plan(record: Record<string, unknown>, context: RecordContext): Plan;
  /** Records with the same key run strictly in arrival order (flow id / flow name / recipient). */
  orderingKey(plan: Plan): string;
  /** Method, URL and body as they would be sent, secrets masked: for dry runs. */
  describe(plan: Plan): {
    readonly request: RequestSummary;
    readonly headers: Record<string, string>;
    readonly body: unknown;
  };
  /**
   * Sends the plan and reads the answer. Resolves with an outcome for anything record-level;
   * throws a ConnectorError for what must stop the sync (config_error: auth, permissions;
   * transient_error: rate limits or outages beyond the retry budget).
   */
  execute(plan: Plan, signal?: AbortSignal): Promise<Outcome>;
}

/** What a family's compile builds: the definition adds its effects (./definition.ts). */
export type OperationSteps<Plan = unknown> = Omit<Operation<Plan>, "effects">;

export type { RecordError };
