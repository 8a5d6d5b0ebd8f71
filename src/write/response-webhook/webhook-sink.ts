import type { ConnectorError } from "../../errors/index.js";
import { Fifo } from "../fifo.js";
import type { WebhookEnvelope } from "./envelope.js";
import { type EnvelopePosting, postEnvelopes } from "./post-envelopes.js";

export interface WebhookSinkOptions<T> extends EnvelopePosting {
  /** Deliveries in flight at once. */
  readonly concurrency: number;
  /** How long a partial batch waits for more envelopes before it goes anyway. */
  readonly lingerMs: number;
  readonly signal: AbortSignal;
  /** Every token added ends in exactly one of these two calls. */
  readonly onDelivered: (tokens: readonly T[]) => void;
  /**
   * Envelopes that will not be delivered (the webhook failed, or the sync stopped), in the order
   * they were added, with the error that stopped the forwarding.
   */
  readonly onUndelivered: (undelivered: Undelivered<T>, error: ConnectorError | unknown) => void;
}

/** Envelopes and their tokens, index for index. */
export interface Undelivered<T> {
  readonly envelopes: WebhookEnvelope[];
  readonly tokens: T[];
}

interface Batch<T> extends Undelivered<T> {
  /** Arrival position of the batch's first envelope: undelivered ones are handed back in this order. */
  readonly first: number;
}

/**
 * Forwards envelopes to the response webhook: batches them, keeps a bounded number of deliveries
 * in flight, and tells the pipeline which records' envelopes were delivered and which were not.
 * The pipeline bounds how many records can wait here, so memory stays flat.
 *
 * The first delivery that fails for good stops the forwarding: what waits, and what comes later,
 * is not sent. Undelivered envelopes are handed back once no delivery is in flight any more, in
 * the order they were added, so that whoever keeps them (the outbox) keeps each key's order.
 */
export class WebhookSink<T> {
  private batch: Batch<T> = { envelopes: [], tokens: [], first: 0 };
  private readonly waiting = new Fifo<Batch<T>>();
  private inFlight = 0;
  private added = 0;
  private linger: NodeJS.Timeout | undefined;
  private failed = false;
  private failure: unknown;
  /** Failed batches held while other deliveries are in flight. */
  private held: Batch<T>[] = [];

  constructor(private readonly options: WebhookSinkOptions<T>) {}

  add(envelope: WebhookEnvelope, token: T): void {
    const position = this.added++;
    if (this.failed) {
      this.hold({ envelopes: [envelope], tokens: [token], first: position });
      return;
    }
    if (this.batch.envelopes.length === 0) this.batch = { envelopes: [], tokens: [], first: position };
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
    this.batch = { envelopes: [], tokens: [], first: 0 };
    this.waiting.push(batch);
    this.pump();
  }

  private pump(): void {
    while (!this.failed && this.inFlight < this.options.concurrency) {
      const batch = this.waiting.shift();
      if (batch === undefined) break;
      this.inFlight++;
      postEnvelopes(this.options, batch.envelopes, this.options.signal).then(
        () => this.done(batch, undefined),
        (error: unknown) => this.done(batch, error),
      );
    }
  }

  private done(batch: Batch<T>, error: unknown): void {
    this.inFlight--;
    if (error === undefined) {
      // Delivered is delivered, even after another batch failed: those records are settled.
      this.options.onDelivered(batch.tokens);
    } else if (!this.failed) {
      this.failed = true;
      this.failure = error;
      if (this.linger !== undefined) clearTimeout(this.linger);
      this.linger = undefined;
      this.held.push(batch, ...this.waiting.drain());
      if (this.batch.envelopes.length > 0) this.held.push(this.batch);
      this.batch = { envelopes: [], tokens: [], first: 0 };
    } else {
      this.held.push(batch);
    }
    if (this.failed) this.handBack();
    else this.pump();
  }

  private hold(batch: Batch<T>): void {
    this.held.push(batch);
    this.handBack();
  }

  /** Once nothing is in flight, what was not delivered goes back in arrival order. */
  private handBack(): void {
    if (this.inFlight > 0 || this.held.length === 0) return;
    const batches = this.held.sort((a, b) => a.first - b.first);
    this.held = [];
    this.options.onUndelivered(
      {
        envelopes: batches.flatMap((b) => b.envelopes),
        tokens: batches.flatMap((b) => b.tokens),
      },
      this.failure,
    );
  }
}
