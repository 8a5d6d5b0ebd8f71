import type { IntentEntry, LedgerOutcomeKind, OutcomeEntry } from "./ledger-entry.js";
import type { LedgerIndex } from "./ledger-index.js";
import { type IdentityInput, recordIdentity } from "./record-identity.js";

/** Where ledger lines go: a batched writer, whose `append` resolves once the line is stored. */
export interface LineSink {
  append(line: string): Promise<void>;
  /** Stores the waiting lines without waiting for more company. */
  flush(): void;
}

/** What the ledger says about a record before its call. */
export type LedgerVerdict =
  | { readonly kind: "send"; readonly id: string }
  | { readonly kind: "already_sent"; readonly wamid: string | undefined; readonly flowId: string | undefined }
  | { readonly kind: "ambiguous"; readonly id: string; readonly firstTry: Date };

/**
 * The send ledger: every call that must not be repeated is journaled as an intent, stored before
 * the call leaves, and an outcome after its answer. What earlier attempts journaled (the index,
 * loaded at start) decides whether a record is called at all: sent → not again; started with no
 * outcome → not again either (it may have been delivered: a human decides); rejected, or stopped
 * before the call → called again.
 */
export class SendLedger {
  constructor(
    private readonly index: LedgerIndex,
    private readonly writer: LineSink,
    private readonly syncId: string,
    private readonly now: () => number = Date.now,
  ) {}

  before(input: IdentityInput): LedgerVerdict {
    const id = recordIdentity(input);
    const known = this.index.get(id);
    if (known?.outcome === "succeeded")
      return { kind: "already_sent", wamid: known.wamid, flowId: known.flowId };
    if (known !== undefined && (known.outcome === undefined || known.outcome === "ambiguous")) {
      return { kind: "ambiguous", id, firstTry: new Date(known.firstTry) };
    }
    return { kind: "send", id };
  }

  /**
   * The intent of a call about to be made, stored before it leaves: for a "send" verdict, and for
   * a call an earlier attempt may have made that is made again (the user chose at-least-once for
   * ambiguous sends, or a lookup showed it took no effect).
   */
  intend(id: string, input: Pick<IdentityInput, "stream" | "operation">): Promise<void> {
    const intent: IntentEntry = {
      e: "intent",
      id,
      at: this.now(),
      sync: this.syncId,
      stream: input.stream,
      op: input.operation,
    };
    return this.writer.append(JSON.stringify(intent));
  }

  /** Calls wait for the intents written so far: they are stored without the batching delay. */
  hurry(): void {
    this.writer.flush();
  }

  /** Resolves once the outcome is stored. `recipient`: a sent message's key for the frequency cap. */
  after(
    id: string,
    kind: LedgerOutcomeKind,
    wamid?: string,
    flowId?: string,
    recipient?: string,
  ): Promise<void> {
    // JSON.stringify leaves out the undefined ids: no object per present/absent combination.
    const outcome: OutcomeEntry = {
      e: "outcome",
      id,
      at: this.now(),
      kind,
      wamid,
      flow_id: flowId,
      r: recipient,
    };
    return this.writer.append(JSON.stringify(outcome));
  }
}
