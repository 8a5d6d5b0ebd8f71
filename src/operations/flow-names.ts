import { type FlowSummary, scanFlows } from "./flow-lookup.js";
import type { OperationEnv } from "./operation-env.js";

/** What a name resolved to: the Flow, or `undefined` when the WABA holds no Flow of that name. */
export type FlowNameAnswer = FlowSummary | undefined;

/**
 * The sync's memory of Flow names under its WABA, shared by every operation of the sync (it lives
 * in the OperationEnv, built once per sync). Meta keeps names unique per WABA, so a name is an
 * identity within one sync. One scan of the WABA's Flow list answers every name it saw, so a
 * table of records naming a handful of Flows costs one list call, not one per record; a name is
 * never looked up more than once per sync (a miss is remembered too). Flows this sync creates or
 * deletes are told to it, so later records see them without a new scan.
 */
export class FlowNameCache {
  private readonly known = new Map<string, FlowSummary>();
  /** Names whose lookup already ran (or is running): never scanned for again in this sync. */
  private readonly asked = new Map<string, Promise<boolean>>();
  private inFlight: Promise<boolean> | undefined;
  /** List calls made, for tests and the final LOG line. */
  scans = 0;

  /**
   * The Flow named `name`, or undefined when there is none. Throws only the config errors of the
   * list call; a list that could not be read answers `null` (the caller rejects the record as
   * "not resolved"), and that failure is not remembered.
   */
  async resolve(env: OperationEnv, name: string, signal?: AbortSignal): Promise<FlowNameAnswer | null> {
    const hit = this.known.get(name);
    if (hit !== undefined) return hit;
    let pending = this.asked.get(name);
    if (pending === undefined) {
      pending = this.lookup(env, name, signal);
      this.asked.set(name, pending);
    }
    // Read the memory after the wait, not the scan's answer: a Flow deleted since is forgotten.
    return (await pending) ? this.known.get(name) : null;
  }

  /** A Flow this sync created (or found while creating): later records resolve to it. */
  remember(flow: FlowSummary & { readonly name: string }): void {
    this.known.set(flow.name, flow);
  }

  /** A Flow this sync deleted: its name no longer resolves. */
  forget(name: string): void {
    this.known.delete(name);
  }

  /** Whether the WABA's list could be read for `name` (the memory then holds the answer). */
  private async lookup(env: OperationEnv, name: string, signal?: AbortSignal): Promise<boolean> {
    // A scan already running may well list the name: wait for it rather than start another.
    const ok = await (this.inFlight ?? this.scan(env, signal));
    if (!ok) this.asked.delete(name); // the list could not be read: a later record may try again
    return ok;
  }

  private scan(env: OperationEnv, signal?: AbortSignal): Promise<boolean> {
    this.scans++;
    const run = scanFlows(
      env,
      (flow) => {
        if (flow.name !== undefined && !this.known.has(flow.name)) this.known.set(flow.name, flow);
        return false;
      },
      signal,
    ).then((result) => result !== undefined);
    this.inFlight = run;
    const clear = (): void => {
      if (this.inFlight === run) this.inFlight = undefined;
    };
    run.then(clear, clear);
    return run;
  }
}
