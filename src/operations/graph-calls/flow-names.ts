import type { CallTally } from "../contract/call-tally.js";
import type { OperationEnv } from "../contract/operation-env.js";
import { type FlowSummary, scanFlows } from "./flow-lookup.js";

/** What a name resolved to: the Flow, or `undefined` when the WABA holds no Flow of that name. */
export type FlowNameAnswer = FlowSummary | undefined;

/** cached()'s answer for a name the sync cannot place without a list scan. */
export const UNKNOWN_NAME = Symbol("unknown name");

/**
 * The sync's memory of Flow names under its WABA, shared by every operation of the sync (one per
 * OperationEnv, which is built once per sync: see flowNamesOf). Meta keeps names unique per WABA, so a name is an
 * identity within one sync. One full scan of the WABA's Flow list answers every name: a table of
 * records naming a handful of Flows costs one list call per sync, not one per record or per name,
 * and a name the scan did not see does not exist. Flows this sync creates or deletes are told to
 * it, so later records see them without a new scan.
 */
export class FlowNameCache {
  private readonly known = new Map<string, FlowSummary>();
  /** A scan read the whole list: a name it did not see (and not remembered since) is missing. */
  private complete = false;
  /** Deleted by this sync: a scan that was already running must not bring them back. */
  private readonly forgotten = new Set<string>();
  private inFlight: Promise<boolean> | undefined;
  /** List scans started, for tests. */
  scans = 0;

  /**
   * The Flow named `name`, or undefined when there is none. Throws only the config errors of the
   * list call; a list that could not be read answers `null` (the caller rejects the record as
   * "not resolved"), and a later record tries again.
   */
  async resolve(
    env: OperationEnv,
    name: string,
    signal: AbortSignal | undefined,
    tally: CallTally,
  ): Promise<FlowNameAnswer | null> {
    const cached = this.cached(name);
    if (cached !== UNKNOWN_NAME) return cached;
    // Concurrent records share the scan that is already running: its calls are the starter's.
    const ok = await (this.inFlight ?? this.scan(env, signal, tally));
    return ok ? this.known.get(name) : null;
  }

  /** What resolve would answer without a call: the Flow, undefined (none), or UNKNOWN_NAME. */
  cached(name: string): FlowNameAnswer | typeof UNKNOWN_NAME {
    const hit = this.known.get(name);
    return hit !== undefined || this.complete ? hit : UNKNOWN_NAME;
  }

  /** A Flow this sync created (or found while creating): later records resolve to it. */
  remember(flow: FlowSummary & { readonly name: string }): void {
    this.known.set(flow.name, flow);
    this.forgotten.delete(flow.name);
  }

  /** A Flow this sync deleted: its name no longer resolves. */
  forget(name: string): void {
    this.known.delete(name);
    this.forgotten.add(name);
  }

  private scan(env: OperationEnv, signal: AbortSignal | undefined, tally: CallTally): Promise<boolean> {
    this.scans++;
    const seen = new Map<string, FlowSummary>();
    const run = scanFlows(
      env,
      (flow) => {
        if (flow.name !== undefined) seen.set(flow.name, flow);
        return false;
      },
      signal,
      tally,
    ).then((result) => {
      if (result === undefined) return false;
      // What the sync remembered while the scan ran is newer than the list.
      for (const [name, flow] of seen)
        if (!this.known.has(name) && !this.forgotten.has(name)) this.known.set(name, flow);
      this.complete = true;
      return true;
    });
    this.inFlight = run;
    const clear = (): void => {
      if (this.inFlight === run) this.inFlight = undefined;
    };
    run.then(clear, clear);
    return run;
  }
}

const CACHES = new WeakMap<OperationEnv, FlowNameCache>();

/**
 * The Flow names of the sync `env` belongs to: every operation compiled with the same env shares
 * one cache. Kept beside the env rather than in it, so the contract does not depend on Graph reads.
 */
export function flowNamesOf(env: OperationEnv): FlowNameCache {
  let cache = CACHES.get(env);
  if (cache === undefined) {
    cache = new FlowNameCache();
    CACHES.set(env, cache);
  }
  return cache;
}
