import { RecordError } from "../../errors/index.js";
import type { BatchedJsonLinesWriter } from "../../object-storage/index.js";
import {
  GraphRejectedError,
  type Outcome,
  type RejectedOutcome,
  sendTargetOf,
} from "../../operations/index.js";
import type { RecordJob } from "../record-job.js";
import { type RecipientSends, recipientKey } from "./recipient-sends.js";
import {
  type ClearEntry,
  isSuppressionCode,
  SUPPRESSION_MEANING,
  type SuppressEntry,
} from "./suppression-entry.js";
import type { SuppressionList } from "./suppression-list.js";
import { type SuppressionPeriods, suppressedUntil } from "./suppression-periods.js";

export interface RecipientGuardParts {
  readonly list: SuppressionList;
  readonly periods: SuppressionPeriods;
  /** Where this sync's suppressions and clears go (`_whatsapp_flows_suppression/`). */
  readonly writer: Pick<BatchedJsonLinesWriter, "append">;
  /** The frequency cap, when guardrails.max_messages_per_recipient is set. */
  readonly cap?: { readonly max: number; readonly windowHours: number; readonly sends: RecipientSends };
  readonly syncId: string;
  readonly now: () => number;
}

const day = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * Sends held back by who they go to, across syncs: a recipient remembered from 131050, 131049
 * or 130472 gets no MARKETING template from that number while its period lasts, and with a
 * frequency cap no recipient gets more than its messages in the window. Both are decided before
 * the call, without one; this sync's answers are remembered as they come.
 */
export class RecipientGuard {
  /** Jobs counted against the cap until their outcome, and the stores a job's outcome waits for. */
  private readonly reserved = new WeakMap<RecordJob, string>();
  private readonly clears = new WeakMap<RecordJob, Promise<void>>();

  constructor(private readonly parts: RecipientGuardParts) {}

  /** The rejection of a send held back (no call), or undefined: the call may go. */
  before(job: RecordJob): RejectedOutcome | undefined {
    const target = sendTargetOf(job.plan);
    if (target === undefined) return undefined;
    const { list, cap } = this.parts;
    if (target.marketing) {
      const held = list.find(target.phoneNumberId, target.recipient);
      if (held !== undefined && target.clearOptOut) {
        const clear = this.clearEntry(target.phoneNumberId, target.recipient);
        list.apply(clear);
        this.clears.set(job, this.parts.writer.append(JSON.stringify(clear)));
      } else if (held !== undefined) {
        return this.rejection(
          job,
          this.suppressedReason(target.phoneNumberId, held.code, held.at),
          held.code === 131050
            ? "Send it again with clear_opt_out: true once the person has opted in to marketing messages again (for example by messaging the business); the record's other fields stay as they are"
            : `Wait until the period ends, or change guardrails.${held.code === 131049 ? "marketing_limit_suppression_days" : "experiment_suppression_days"} (0: not remembered); a UTILITY template is not held back`,
        );
      }
    }
    if (cap === undefined) return undefined;
    const key = recipientKey(target.phoneNumberId, target.recipient);
    const sent = cap.sends.count(key);
    if (sent >= cap.max) {
      return this.rejection(
        job,
        `not sent: field to: the recipient already got ${sent} message(s) from phone number ${target.phoneNumberId} in the last ${cap.windowHours} hours (guardrails.max_messages_per_recipient is ${cap.max}); rejected without a call`,
        "Send it in a later sync, once the window has moved on, or raise guardrails.max_messages_per_recipient or shorten guardrails.frequency_window_hours",
      );
    }
    cap.sends.reserve(key);
    this.reserved.set(job, key);
    return undefined;
  }

  /** This sync's answer: a refusal to remember, a cap reservation given back. */
  after(job: RecordJob, outcome: Outcome): Promise<void> | undefined {
    const reservedKey = this.reserved.get(job);
    if (reservedKey !== undefined) {
      this.reserved.delete(job);
      // An earlier attempt's send, found in the ledger, was counted from it already.
      const notSentNow =
        outcome.kind === "rejected" ||
        (outcome.kind === "succeeded" && outcome.resolution === "sent_in_earlier_attempt");
      if (notSentNow) this.parts.cap?.sends.release(reservedKey);
    }
    const cleared = this.clears.get(job);
    const code = outcome.kind === "rejected" ? graphCodeOf(outcome.error) : undefined;
    const target = sendTargetOf(job.plan);
    if (!isSuppressionCode(code) || target === undefined || this.parts.periods[code] === 0) return cleared;
    const entry: SuppressEntry = {
      e: "suppress",
      from: target.phoneNumberId,
      to: target.recipient,
      code,
      at: this.parts.now(),
      sync: this.parts.syncId,
    };
    this.parts.list.apply(entry);
    const stored = this.parts.writer.append(JSON.stringify(entry));
    return cleared === undefined ? stored : Promise.all([cleared, stored]).then(() => undefined);
  }

  /** A job's call was never made (the sync stopped): its cap reservation goes back. */
  notCalled(job: RecordJob): void {
    const key = this.reserved.get(job);
    if (key === undefined) return;
    this.reserved.delete(job);
    this.parts.cap?.sends.release(key);
  }

  /** The frequency cap's key of a sent message, for its ledger outcome. */
  recipientKeyOf(job: RecordJob): string | undefined {
    if (this.parts.cap === undefined) return undefined;
    const target = sendTargetOf(job.plan);
    return target === undefined ? undefined : recipientKey(target.phoneNumberId, target.recipient);
  }

  private suppressedReason(from: string, code: keyof typeof SUPPRESSION_MEANING, at: number): string {
    const until = suppressedUntil(code, at, this.parts.periods);
    const lasts =
      until === undefined
        ? "remembered until a record clears it (clear_opt_out: true)"
        : `remembered until ${day(until)}`;
    return `not sent: field to: this recipient answered ${code} (${SUPPRESSION_MEANING[code]}) to a MARKETING template from phone number ${from} on ${day(at)}; ${lasts}, so it is rejected without a call`;
  }

  private clearEntry(from: string, to: string): ClearEntry {
    return { e: "clear", from, to, at: this.parts.now(), sync: this.parts.syncId };
  }

  private rejection(job: RecordJob, reason: string, hint: string): RejectedOutcome {
    const { request } = job.runtime.operation.describe(job.plan);
    const label = `stream "${job.runtime.stream.name}" record ${job.recordIndex}`;
    return {
      kind: "rejected",
      request,
      error: new RecordError(`${label}: ${reason}`, { code: "ERR_RECIPIENT_SUPPRESSED", field: "to", hint }),
    };
  }
}

function graphCodeOf(error: unknown): number | undefined {
  return error instanceof GraphRejectedError ? error.graphCode : undefined;
}
