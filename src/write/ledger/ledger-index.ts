import { ConfigError } from "../../errors/index.js";
import type { LedgerEntry, LedgerOutcomeKind } from "./ledger-entry.js";

export interface KnownCall {
  /** When the first try of this identity started (epoch ms). */
  readonly firstTry: number;
  /** The last outcome recorded, if any. */
  outcome: LedgerOutcomeKind | undefined;
  wamid: string | undefined;
  flowId: string | undefined;
}

/** Past this many identities the window is too wide for memory: the user narrows it. */
export const MAX_LEDGER_ENTRIES = 1_000_000;

/**
 * What earlier attempts did, by identity: loaded once at start, in bounded memory (one small
 * object per identity). Entries must be added in the order they were written (objects in key
 * order, lines in file order): the last word about an identity wins, except that a success is
 * final. The current attempt's own entries are not added: within one attempt the
 * pipeline's own bookkeeping already decides, and the index stays the size of the past.
 */
export class LedgerIndex {
  private readonly calls = new Map<string, KnownCall>();

  constructor(private readonly limit = MAX_LEDGER_ENTRIES) {}

  get size(): number {
    return this.calls.size;
  }

  get(id: string): KnownCall | undefined {
    return this.calls.get(id);
  }

  add(entry: LedgerEntry): void {
    let call = this.calls.get(entry.id);
    if (call === undefined) {
      if (this.calls.size >= this.limit) {
        throw new ConfigError(`the send ledger holds more than ${this.limit} calls in its window`, {
          code: "ERR_LEDGER_TOO_LARGE",
          hint: "Lower object_storage_config.ledger_window_hours",
        });
      }
      call = { firstTry: entry.at, outcome: undefined, wamid: undefined, flowId: undefined };
      this.calls.set(entry.id, call);
    }
    if (entry.e === "intent") {
      if (entry.at < call.firstTry) (call as { firstTry: number }).firstTry = entry.at;
      // A new try after a rejection or a stop before the call: in flight again until its outcome.
      if (call.outcome !== "succeeded" && call.outcome !== "ambiguous") call.outcome = undefined;
      return;
    }
    // A success is final: a later attempt that found it only reads it, never overwrites it.
    if (call.outcome === "succeeded") return;
    // "not_called" (stopped before the call) says nothing was sent: the identity is as if unknown.
    call.outcome = entry.kind;
    call.wamid = entry.wamid;
    call.flowId = entry.flow_id;
  }
}
