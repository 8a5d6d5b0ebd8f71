import { randomUUID } from "node:crypto";
import type { ConnectorError } from "../errors/index.js";
import type { Outcome } from "../operations/index.js";
import type { RecordJob } from "./record-job.js";
import { WebhookSink } from "./response-webhook/index.js";
import { WebhookOutage, type WebhookOutageHooks } from "./webhook-outage.js";
import { envelopeOf, webhookPosting } from "./webhook-wiring.js";

export interface ResponseDeliveryHooks extends WebhookOutageHooks {
  /** Deliveries in flight, unless the webhook's wiring sets its own. */
  readonly concurrency: number;
  /** Mixed into each envelope's Idempotency-Key (default: a random UUID). */
  readonly syncId: string | undefined;
}

/**
 * Where each record's outcome goes once it is stored: to the config's response webhook as a
 * signed envelope (the record settles once it is delivered, or kept by the outage handling when
 * it cannot be), or, without a webhook, nowhere (the record settles at once).
 */
export class ResponseDelivery {
  private readonly sink: WebhookSink<RecordJob> | undefined;
  private readonly outage: WebhookOutage;
  private readonly syncId: string;

  constructor(private readonly hooks: ResponseDeliveryHooks) {
    this.syncId = hooks.syncId ?? randomUUID();
    const outage = new WebhookOutage(hooks);
    this.outage = outage;
    const { webhook } = hooks;
    this.sink =
      webhook === undefined
        ? undefined
        : new WebhookSink<RecordJob>({
            ...webhookPosting(webhook, hooks.redact),
            concurrency: webhook.concurrency ?? hooks.concurrency,
            lingerMs: webhook.lingerMs ?? 1_000,
            signal: hooks.signal,
            onDelivered: (jobs) => {
              for (const job of jobs) hooks.settle(job);
            },
            onUndelivered: ({ tokens, envelopes }, error) => outage.undeliverable(tokens, envelopes, error),
          });
  }

  /** What earlier syncs left in the webhook outbox, before this sync's records (see WebhookOutage). */
  deliverOutbox(): Promise<void> {
    return this.outage.deliverOutbox();
  }

  forward(job: RecordJob, outcome: Outcome): void {
    if (this.sink === undefined) this.hooks.settle(job);
    else this.sink.add(envelopeOf(job, outcome, this.syncId), job);
  }

  /** Sends a partial batch now, for when nothing can join it any more. */
  flush(): void {
    this.sink?.flush();
  }

  /** The error the sync ends with, counting the envelopes not delivered (see WebhookOutage). */
  endError(fatal: ConnectorError | undefined): ConnectorError | undefined {
    return this.outage.endError(fatal);
  }
}
