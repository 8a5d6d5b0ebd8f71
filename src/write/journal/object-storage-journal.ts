import type { BatchedJsonLinesWriter } from "../../object-storage/index.js";
import { journaled } from "../../operations/contract/effects.js";
import { recordLabel } from "../../operations/contract/graph-plan.js";
import type { AmbiguousOutcome, Outcome, SucceededOutcome } from "../../operations/contract/operation.js";
import { AmbiguousCallError } from "../../operations/errors/index.js";
import { logMessage, type OutputMessage } from "../../protocol/index.js";
import type { SendLedger } from "../ledger/index.js";
import type { RecordJob } from "../record-job.js";
import { describeRecord } from "../record-report.js";
import type { RecipientGuard } from "../suppression/recipient-guard.js";
import { type AmbiguousSends, ambiguousLine } from "./ambiguous-line.js";
import type { RecordJournal } from "./record-journal.js";
import { rejectLine } from "./reject-line.js";

const NOTHING = (): undefined => undefined;

function firstTryOf(job: RecordJob): Date | undefined {
  return job.firstTry === undefined ? undefined : new Date(job.firstTry);
}

export interface ObjectStorageJournalParts {
  /** One writer per stream folder, made on first use. */
  readonly rejectsOf: (job: RecordJob) => BatchedJsonLinesWriter;
  /** Undefined when the ledger is switched off. */
  readonly ledger: SendLedger | undefined;
  /** The suppression list and the frequency cap (guardrails). */
  readonly recipients?: RecipientGuard | undefined;
  /** The ledger writer's linger plus one PUT (0 without the ledger). */
  readonly intentStoreMs: () => number;
  readonly redact: (text: string) => string;
  readonly emit: (message: OutputMessage) => void;
  readonly closeAll: () => Promise<void>;
  /** object_storage_config.ambiguous_sends: what the next attempt does with an ambiguous call. */
  readonly ambiguousSends: AmbiguousSends;
  readonly now?: () => number;
}

/** Rejects in the bucket and, for calls that must not repeat, the send ledger. */
export class ObjectStorageJournal implements RecordJournal {
  readonly wantsRecords = true;

  constructor(private readonly parts: ObjectStorageJournalParts) {}

  journals(job: RecordJob): boolean {
    return this.parts.ledger !== undefined && journaled(job.runtime.operation.effects);
  }

  beforeCall(
    job: RecordJob,
    granted?: () => Promise<void> | null,
  ): Promise<Outcome | undefined> | Outcome | undefined {
    const { ledger } = this.parts;
    const { operation, stream } = job.runtime;
    job.firstTry = this.now();
    const heldBack = this.parts.recipients?.before(job);
    if (heldBack !== undefined) return heldBack;
    if (ledger === undefined || !journaled(operation.effects)) return undefined;
    const input = { stream: stream.key, operation: operation.name };
    const verdict = ledger.before({ ...input, record: job.received ?? {} });
    switch (verdict.kind) {
      case "send": {
        job.ledgerId = verdict.id;
        const grant = granted?.() ?? null;
        if (grant === null) return ledger.intend(verdict.id, input).then(NOTHING);
        return grant.then(() => ledger.intend(verdict.id, input)).then(NOTHING);
      }
      case "already_sent":
        return this.alreadySent(job, verdict.wamid, verdict.flowId);
      case "ambiguous": {
        job.firstTry = verdict.firstTry.getTime();
        const settle = operation.settleEarlierTry;
        if (settle !== undefined) return this.settleEarlierTry(job, verdict.id, settle);
        if (this.parts.ambiguousSends === "report") return this.ambiguous(job, verdict.firstTry);
        this.parts.emit(
          logMessage(
            "WARN",
            `Stream "${job.runtime.label}" ${describeRecord(job)} may have been sent by an earlier attempt (first tried at ${verdict.firstTry.toISOString()}); it is sent again (ambiguous_sends: resend)`,
          ),
        );
        job.ledgerId = verdict.id;
        return ledger.intend(verdict.id, input).then(NOTHING);
      }
    }
  }

  /**
   * An earlier attempt's call with no recorded outcome, of an operation that can find out what it
   * did (a create, by name): the record's outcome if it took effect, else a new intent and the call.
   */
  private async settleEarlierTry(
    job: RecordJob,
    id: string,
    settle: NonNullable<RecordJob["runtime"]["operation"]["settleEarlierTry"]>,
  ): Promise<Outcome | undefined> {
    const { ledger } = this.parts;
    job.ledgerId = id;
    const settled = await settle(job.plan);
    if (settled !== "call") return settled;
    const { operation, stream } = job.runtime;
    await ledger!.intend(id, { stream: stream.key, operation: operation.name });
    return undefined;
  }

  afterOutcome(job: RecordJob, outcome: Outcome): Promise<void> | undefined {
    const { ledger } = this.parts;
    const { recipients } = this.parts;
    let ledgerStored: Promise<void> | undefined;
    if (job.ledgerId !== undefined && ledger !== undefined) {
      const result = outcome.kind === "succeeded" ? outcome.result : undefined;
      const recipient = result === undefined ? undefined : recipients?.recipientKeyOf(job);
      ledgerStored = ledger.after(job.ledgerId, outcome.kind, result?.messageId, result?.flowId, recipient);
    }
    const remembered = recipients?.after(job, outcome);
    if (remembered !== undefined) {
      ledgerStored =
        ledgerStored === undefined ? remembered : Promise.all([ledgerStored, remembered]).then(NOTHING);
    }
    if (outcome.kind === "succeeded") return ledgerStored;
    const time = new Date(this.now());
    const line =
      outcome.kind === "rejected"
        ? rejectLine(job, outcome, time)
        : ambiguousLine(job, outcome, firstTryOf(job), this.parts.ambiguousSends, time);
    const rejectStored = this.parts.rejectsOf(job).append(this.parts.redact(line));
    return ledgerStored === undefined
      ? rejectStored
      : Promise.all([ledgerStored, rejectStored]).then(() => undefined);
  }

  intentStoreMs(): number {
    return this.parts.intentStoreMs();
  }

  private now(): number {
    return (this.parts.now ?? Date.now)();
  }

  hurry(): void {
    this.parts.ledger?.hurry();
  }

  notCalled(job: RecordJob): void {
    this.parts.recipients?.notCalled(job);
    if (job.ledgerId === undefined || this.parts.ledger === undefined) return;
    // Best effort: without it the next attempt reports the record as ambiguous, which is safe.
    this.parts.ledger.after(job.ledgerId, "not_called").catch(() => undefined);
  }

  close(): Promise<void> {
    return this.parts.closeAll();
  }

  private alreadySent(
    job: RecordJob,
    wamid: string | undefined,
    flowId: string | undefined,
  ): SucceededOutcome {
    const ids = [wamid === undefined ? "" : `wamid=${wamid}`, flowId === undefined ? "" : `flow_id=${flowId}`]
      .filter((part) => part !== "")
      .join(", ");
    this.parts.emit(
      logMessage(
        "INFO",
        `Stream "${job.runtime.label}" ${describeRecord(job)} was already sent in an earlier attempt${ids ? ` (${ids})` : ""}; it was not sent again`,
      ),
    );
    const { request } = job.runtime.operation.describe(job.plan);
    const result = {
      ...(wamid === undefined ? {} : { messageId: wamid }),
      ...(flowId === undefined ? {} : { flowId }),
    };
    return {
      kind: "succeeded",
      request,
      response: { status: 200, body: null },
      result,
      resolution: "sent_in_earlier_attempt",
    };
  }

  private ambiguous(job: RecordJob, firstTry: Date): AmbiguousOutcome {
    const { request } = job.runtime.operation.describe(job.plan);
    const label = recordLabel({
      stream: job.runtime.stream,
      recordIndex: job.recordIndex,
      lineNumber: job.lineNumber,
      calls: job.calls,
    });
    const error = new AmbiguousCallError(
      label,
      `${request.method} ${request.url}`,
      `an earlier attempt first tried it at ${firstTry.toISOString()} and its outcome was never recorded`,
    );
    return { kind: "ambiguous", request, error };
  }
}
