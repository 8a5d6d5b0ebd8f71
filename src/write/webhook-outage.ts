import type { ConnectorError } from "../errors/index.js";
import { logMessage, type OutputMessage } from "../protocol/index.js";
import { WebhookOutboxError } from "./errors/webhook-outbox-error.js";
import {
  type Undelivered,
  undeliveredSummary,
  WebhookUndeliveredError,
} from "./errors/webhook-undelivered-error.js";
import type { WebhookWiring } from "./pipeline-options.js";
import type { RecordJob } from "./record-job.js";
import { describeRecord } from "./record-report.js";
import {
  OutboxDeliveryFailed,
  postEnvelopes,
  type WebhookEnvelope,
  type WebhookOutbox,
} from "./response-webhook/index.js";
import { webhookPosting } from "./webhook-wiring.js";

export interface WebhookOutageHooks {
  readonly webhook: WebhookWiring | undefined;
  /** Object storage's keep for envelopes the webhook did not take (none without object storage). */
  readonly outbox: WebhookOutbox | undefined;
  readonly redact: (text: string) => string;
  readonly signal: AbortSignal;
  readonly emit: (message: OutputMessage) => void;
  /** The record's STATE may go out: its call was made and its envelope is kept or reported. */
  readonly settle: (job: RecordJob) => void;
  /** Stops the sync (the first error wins). */
  readonly fail: (error: unknown) => void;
  /** Whether the sync has already stopped, for any reason. */
  readonly stopped: () => boolean;
}

/**
 * What a sync does when the response webhook will not take envelopes. The records behind them had
 * their calls made, so holding their STATE back would only have the next attempt make the calls
 * again: each such record settles once its envelope is kept in the outbox (the next sync delivers
 * it first) or, without one, named in a LOG line. The sync still stops, and ends with an error
 * that counts what was not delivered.
 */
export class WebhookOutage {
  /** The sync stopped because the webhook failed (not for another reason first). */
  private causedStop = false;
  private readonly undelivered = { lost: 0, kept: 0 };

  constructor(private readonly hooks: WebhookOutageHooks) {}

  /**
   * What earlier syncs left in the webhook outbox goes first, in the order stored: a receiver sees
   * those outcomes before this sync's. If the webhook still fails, nothing of this sync is read.
   */
  async deliverOutbox(): Promise<void> {
    const { outbox, webhook, redact, signal } = this.hooks;
    if (outbox === undefined || webhook === undefined || this.hooks.stopped()) return;
    const posting = webhookPosting(webhook, redact);
    try {
      const done = await outbox.deliverWaiting(
        (envelopes) => postEnvelopes(posting, envelopes, signal),
        posting.batchSize,
      );
      if (done.envelopes === 0) return;
      this.hooks.emit(
        logMessage(
          "INFO",
          `Delivered ${done.envelopes} response webhook envelope(s) an earlier sync left in the webhook outbox ${outbox.location}, before this sync's records`,
        ),
      );
    } catch (error) {
      this.hooks.fail(
        error instanceof OutboxDeliveryFailed
          ? new WebhookOutboxError(error.cause, error.delivered, error.left, outbox.location)
          : error,
      );
    }
  }

  /** Envelopes the webhook will not take: the sync stops, and their records settle as they are kept. */
  undeliverable(jobs: readonly RecordJob[], envelopes: readonly WebhookEnvelope[], error: unknown): void {
    if (!this.hooks.stopped()) this.causedStop = true;
    this.hooks.fail(error);
    const { outbox } = this.hooks;
    jobs.forEach((job, i) => {
      const envelope = envelopes[i]!;
      if (outbox === undefined) {
        this.lose(job, envelope);
        return;
      }
      outbox.keep(envelope).then(
        () => {
          this.undelivered.kept++;
          this.hooks.settle(job);
        },
        // The bucket failed too: the envelope is reported instead, and the record still settles.
        () => this.lose(job, envelope),
      );
    });
  }

  /**
   * The error the sync ends with: when the webhook stopped it, the error counts the envelopes not
   * delivered and says where they are; otherwise a WARN line does, and the error stays as it was.
   */
  endError(fatal: ConnectorError | undefined): ConnectorError | undefined {
    const { lost, kept } = this.undelivered;
    if (lost === 0 && kept === 0) return fatal;
    const counts: Undelivered = { lost, kept, outbox: this.hooks.outbox?.location };
    if (this.causedStop && fatal !== undefined) return new WebhookUndeliveredError(fatal, counts);
    this.hooks.emit(logMessage("WARN", undeliveredSummary(counts)));
    return fatal;
  }

  private lose(job: RecordJob, envelope: WebhookEnvelope): void {
    this.undelivered.lost++;
    this.hooks.emit(
      logMessage(
        "WARN",
        `Stream "${job.runtime.label}" ${describeRecord(job)} ${envelope.outcome}, but its response webhook envelope (idempotency_key ${envelope.idempotency_key}) was not delivered; the record is checkpointed and not sent again`,
      ),
    );
    this.hooks.settle(job);
  }
}
