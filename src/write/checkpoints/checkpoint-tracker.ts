import { Fifo } from "../fifo.js";
import { Epoch } from "./epoch.js";
import { GLOBAL_SCOPE } from "./state-scope.js";

/** What a released state carries: the state as received and its scope's counts. */
export interface ReleasedState<S> {
  readonly state: S;
  readonly recordCount: number;
  readonly rejectedRecordCount: number;
}

interface WaitingState<S> {
  readonly seq: number;
  readonly state: S;
  readonly epoch: Epoch;
}

interface Scope<S> {
  current: Epoch;
  readonly waiting: Fifo<WaitingState<S>>;
}

/** A record's place in the checkpoints: kept by the record until it settles. */
export interface RecordTicket {
  readonly streamEpoch: Epoch;
  readonly globalEpoch: Epoch;
  readonly streamScope: string;
}

/**
 * Decides when each STATE may be echoed: once every record before it in its scope is settled
 * (its stream for a STREAM state, the whole sync for GLOBAL/LEGACY). Each record counts in two
 * scopes, its stream and the global one; a state closes its scope's current epoch and waits at the
 * back of that scope's queue until the epoch (and so every earlier one) has no pending record.
 *
 * Order: within a scope, arrival order. Across scopes, a stream state never overtakes an earlier
 * global state, and a global state cannot overtake an earlier stream state (its records include
 * that state's records, and streams are released first). States of different streams may pass
 * each other: a slow stream does not hold back another stream's checkpoints.
 */
export class CheckpointTracker<S> {
  private readonly scopes = new Map<string, Scope<S>>();
  private readonly global: Scope<S>;
  private seq = 0;

  constructor(private readonly release: (released: ReleasedState<S>) => void) {
    this.global = this.scope(GLOBAL_SCOPE);
  }

  /** Counts a record in its stream's and the global current epochs. */
  admit(streamScope: string): RecordTicket {
    const stream = this.scope(streamScope);
    stream.current.add();
    this.global.current.add();
    return { streamEpoch: stream.current, globalEpoch: this.global.current, streamScope };
  }

  /** The record is settled: it no longer holds back the states after it. */
  settle(ticket: RecordTicket, rejected: boolean): void {
    ticket.streamEpoch.settle(rejected);
    ticket.globalEpoch.settle(rejected);
    if (ticket.streamEpoch.pending === 0) {
      const stream = this.scopes.get(ticket.streamScope);
      if (stream !== undefined) this.releaseStream(stream);
    }
    if (ticket.globalEpoch.pending === 0) this.releaseGlobal();
  }

  /** A state arrived: it closes its scope's epoch and is released as soon as allowed. */
  state(scopeKey: string, state: S): void {
    const scope = this.scope(scopeKey);
    scope.waiting.push({ seq: this.seq++, state, epoch: scope.current });
    scope.current = new Epoch();
    if (scope === this.global) this.releaseGlobal();
    else this.releaseStream(scope);
  }

  private scope(key: string): Scope<S> {
    let scope = this.scopes.get(key);
    if (scope === undefined) {
      scope = { current: new Epoch(), waiting: new Fifo() };
      this.scopes.set(key, scope);
    }
    return scope;
  }

  private releaseStream(scope: Scope<S>): void {
    for (;;) {
      const head = scope.waiting.peek();
      if (head === undefined || head.epoch.pending > 0) return;
      const globalHead = this.global.waiting.peek();
      if (globalHead !== undefined && globalHead.seq < head.seq) return;
      scope.waiting.shift();
      this.emit(head);
    }
  }

  private releaseGlobal(): void {
    for (;;) {
      const head = this.global.waiting.peek();
      if (head === undefined || head.epoch.pending > 0) return;
      this.global.waiting.shift();
      this.emit(head);
      // Stream states that waited only for this global state may go now, before the next one.
      for (const scope of this.scopes.values()) {
        if (scope !== this.global && scope.waiting.length > 0) this.releaseStream(scope);
      }
    }
  }

  private emit(waiting: WaitingState<S>): void {
    this.release({
      state: waiting.state,
      recordCount: waiting.epoch.total,
      rejectedRecordCount: waiting.epoch.rejected,
    });
  }
}
