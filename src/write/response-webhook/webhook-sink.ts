import type { ConnectorError } from "../../errors/index.js";
import { Fifo } from "../fifo.js";
import { deliverWithRetries, type Poster, type RetrySchedule } from "./delivery.js";
import type { WebhookEnvelope } from "./envelope.js";
import { batchIdempotencyKey, deliveryHeaders } from "./signer.js";

export interface WebhookSinkOptions<T> {
  readonly post: Poster;
  /** User headers (already parsed); ours win over them. */
  readonly headers: Readonly<Record<string, string>>;
  readonly signingSecret: string | undefined;
  /** 1: each envelope is POSTed as an object; more: envelopes go as a JSON array of up to this many. */
  readonly batchSize: number;
  /** Deliveries in flight at once. */
  readonly concurrency: number;
  /** How long a partial batch waits for more envelopes before it goes anyway. */
  readonly lingerMs: number;
  readonly retry: RetrySchedule;
  /** Applied to the serialised body before signing: the last guard against a leaked secret. */
  readonly redact: (text: string) => string;
  readonly signal: AbortSignal;
  /** Every token added ends in exactly one of these two calls. */
  readonly onDelivered: (tokens: readonly T[]) => void;
  readonly onDropped: (tokens: readonly T[], error: ConnectorError | unknown) => void;
}

interface Batch<T> {
  readonly envelopes: WebhookEnvelope[];
  readonly tokens: T[];
}

/**
 * Forwards envelopes to the response webhook: batches them, keeps a bounded number of deliveries
 * in flight, and tells the pipeline which records' envelopes were delivered (only then are they
 * settled). The pipeline bounds how many records can wait here, so memory stays flat.
 */
export class WebhookSink<T> {
  private batch: Batch<T> = { envelopes: [], tokens: [] };
  private readonly waiting = new Fifo<Batch<T>>();
  private inFlight = 0;
  private linger: NodeJS.Timeout | undefined;
  private failed = false;
  private failure: unknown;

  constructor(private readonly options: WebhookSinkOptions<T>) {}

  add(envelope: WebhookEnvelope, token: T): void {
    if (this.failed) {
      this.options.onDropped([token], this.failure);
      return;
    }
    this.batch.envelopes.push(envelope);
    this.batch.tokens.push(token);
    if (this.batch.envelopes.length >= this.options.batchSize) this.cut();
    else if (this.linger === undefined) {
      // Kept ref'd: at the end of a sync this timer may be the only thing left to wait for.
      this.linger = setTimeout(() => this.cut(), this.options.lingerMs);
    }
  }

  /** Sends the partial batch now (end of input, fatal drain). */
  flush(): void {
    if (this.batch.envelopes.length > 0) this.cut();
  }

  private cut(): void {
    if (this.linger !== undefined) {
      clearTimeout(this.linger);
      this.linger = undefined;
    }
    if (this.batch.envelopes.length === 0) return;
    const batch = this.batch;
    this.batch = { envelopes: [], tokens: [] };
    this.waiting.push(batch);
    this.pump();
  }

  private pump(): void {
    while (!this.failed && this.inFlight < this.options.concurrency) {
      const batch = this.waiting.shift();
      if (batch === undefined) break;
      this.inFlight++;
      this.send(batch).then(
        () => this.done(batch, undefined),
        (error: unknown) => this.done(batch, error),
      );
    }
  }

  private async send(batch: Batch<T>): Promise<void> {
    const { options } = this;
    const payload = options.batchSize === 1 ? batch.envelopes[0] : batch.envelopes;
    const body = Buffer.from(options.redact(JSON.stringify(payload)), "utf8");
    const key = batchIdempotencyKey(batch.envelopes.map((e) => e.idempotency_key));
    const headers = deliveryHeaders(options.headers, body, key, options.signingSecret);
    await deliverWithRetries(options.post, headers, body, options.retry, options.signal);
  }

  private done(batch: Batch<T>, error: unknown): void {
    this.inFlight--;
    if (error === undefined) {
      // Delivered is delivered, even after another batch failed: those records are settled.
      this.options.onDelivered(batch.tokens);
    } else if (this.failed) {
      this.options.onDropped(batch.tokens, error);
    } else {
      // The first failure stops the forwarding: nothing after it can be settled any more.
      this.failed = true;
      this.failure = error;
      if (this.linger !== undefined) clearTimeout(this.linger);
      this.linger = undefined;
      const dropped = [
        ...batch.tokens,
        ...this.waiting.drain().flatMap((b) => b.tokens),
        ...this.batch.tokens,
      ];
      this.batch = { envelopes: [], tokens: [] };
      this.options.onDropped(dropped, error);
    }
    this.pump();
  }
}
