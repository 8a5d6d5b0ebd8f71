import type { ConfigLevelCause } from "../errors/index.js";
import { StreamCannotSucceedError } from "./errors/stream-cannot-succeed-error.js";

/**
 * How many of a stream's first records must all be rejected for one configuration-level cause
 * before the sync stops. Enough that a few bad rows never stop a sync; few enough that a campaign
 * with a misspelt template stops before it has rejected its whole audience.
 */
export const FIRST_RECORDS_GUARDED = 10;

/** What one record's outcome tells the guard. */
export type GuardedOutcome =
  | { readonly kind: "succeeded" }
  | { readonly kind: "rejected"; readonly cause: ConfigLevelCause | undefined }
  /** Ambiguous (may have been sent): the stream is not known to send nothing. */
  | { readonly kind: "ambiguous" };

/** What the pipeline does with the record (and the records held before it). */
export type GuardStep<T> =
  /** Settle it as usual. */
  | { readonly kind: "pass" }
  /** Keep it unsettled until the stream's verdict: it may be part of a stop. */
  | { readonly kind: "hold" }
  /** The stream is cleared: settle these held records, then this one, as usual. */
  | { readonly kind: "release"; readonly held: readonly T[] }
  /** The sync stops: these held records and this one stay unsettled. */
  | { readonly kind: "stop"; readonly held: readonly T[]; readonly error: StreamCannotSucceedError };

interface Watch<T> {
  /** The stream's verdict is in: nothing is held for it any more. */
  cleared: boolean;
  cause: ConfigLevelCause | undefined;
  readonly held: T[];
}

/**
 * The rule "a campaign that sends nothing is not green", per stream: when its first
 * FIRST_RECORDS_GUARDED records are all rejected for one configuration-level cause (the same
 * template or Flow, missing or unusable), no later record can do better, so the sync stops with a
 * config_error naming the stream and the cause. Any success or ambiguous send, a record-level
 * rejection, or a second cause among them clears the stream for the rest of the sync; a success
 * of a later record clears it too. A stream that ends with fewer records, all rejected for one
 * such cause, sent nothing either: once the input has ended it stops the sync the same way.
 *
 * Until a stream's verdict is in, its rejected first records are held unsettled (no STATE passes
 * them): if the sync stops, the next sync sees them again once the config is fixed.
 */
export class FirstRecordsGuard<T> {
  private readonly watches = new Map<string, Watch<T>>();
  private held = 0;

  constructor(private readonly limit = FIRST_RECORDS_GUARDED) {}

  /** Records held across all streams. */
  get heldCount(): number {
    return this.held;
  }

  observe(stream: string, recordIndex: number, outcome: GuardedOutcome, item: T): GuardStep<T> {
    const watch = this.watchOf(stream);
    if (watch.cleared) return PASS;
    const first = recordIndex <= this.limit;
    if (outcome.kind === "rejected" && !first) return PASS;
    const cause = outcome.kind === "rejected" ? outcome.cause : undefined;
    if (!first || cause === undefined || (watch.cause !== undefined && watch.cause.key !== cause.key)) {
      return { kind: "release", held: this.clear(watch) };
    }
    watch.cause = cause;
    if (watch.held.length + 1 < this.limit) {
      watch.held.push(item);
      this.held++;
      return HOLD;
    }
    return {
      kind: "stop",
      held: this.clear(watch),
      error: new StreamCannotSucceedError(stream, this.limit, cause),
    };
  }

  /**
   * Once the input has ended and every record left is held: the first stream still watched, whose
   * every record was rejected for one configuration-level cause, stops the sync with its records
   * held (the other streams' held records are taken by `takeHeld` when the sync stops).
   */
  stopAtEnd(): { readonly held: readonly T[]; readonly error: StreamCannotSucceedError } | undefined {
    for (const [stream, watch] of this.watches) {
      if (watch.cleared || watch.cause === undefined || watch.held.length === 0) continue;
      const cause = watch.cause;
      const held = this.clear(watch);
      return { held, error: new StreamCannotSucceedError(stream, held.length, cause, true) };
    }
    return undefined;
  }

  /**
   * Every held record, each stream cleared: when the sync stops for another reason (they stay
   * unsettled).
   */
  takeHeld(): T[] {
    const taken: T[] = [];
    for (const watch of this.watches.values()) taken.push(...this.clear(watch));
    return taken;
  }

  private clear(watch: Watch<T>): T[] {
    watch.cleared = true;
    this.held -= watch.held.length;
    return watch.held.splice(0);
  }

  private watchOf(stream: string): Watch<T> {
    let watch = this.watches.get(stream);
    if (watch === undefined) {
      watch = { cleared: false, cause: undefined, held: [] };
      this.watches.set(stream, watch);
    }
    return watch;
  }
}

const PASS = { kind: "pass" } as const;
const HOLD = { kind: "hold" } as const;
