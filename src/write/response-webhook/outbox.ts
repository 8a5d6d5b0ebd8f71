import { randomUUID } from "node:crypto";
import { BatchedJsonLinesWriter } from "../../object-storage/batched-writer.js";
import type { ObjectStore } from "../../object-storage/object-store.js";
import { webhookOutboxKey } from "../../object-storage/webhook-outbox-paths.js";
import { WebhookOutboxDamagedError } from "../errors/webhook-outbox-damaged-error.js";
import type { WebhookEnvelope } from "./envelope.js";

/**
 * Objects of at most this many envelopes: a crash while the outbox is being delivered repeats at
 * most the delivered part of one object, and each object is one PUT.
 */
const OUTBOX_BATCH = { lingerMs: 250, maxLines: 100, maxBytes: 4 * 1024 * 1024 };

/** Delivers one batch of envelopes, retries included; rejects once they cannot be delivered. */
export type DeliverEnvelopes = (envelopes: readonly WebhookEnvelope[]) => Promise<void>;

export interface OutboxDelivery {
  readonly objects: number;
  readonly envelopes: number;
}

/** Delivery of the outbox stopped: `delivered` went out, `left` still wait in the bucket. */
export class OutboxDeliveryFailed extends Error {
  constructor(
    readonly delivered: number,
    readonly left: number,
    override readonly cause: unknown,
  ) {
    super("the outbox could not be delivered", { cause });
  }
}

/**
 * Envelopes the response webhook did not take, kept in the bucket for a later sync:
 * `{bucket_path}/_whatsapp_flows_webhook_outbox/`, JSON Lines, one envelope a line, as the
 * receiver would have had it (redacted). A later sync delivers every object in key order (the order
 * they were stored in), then deletes it; a delivery that stops halfway rewrites the object with
 * what is left. So without a crash each envelope goes out once; a crash between a delivery and
 * the object's delete or rewrite sends that part again, under the same Idempotency-Key.
 */
export class WebhookOutbox {
  private readonly writer: BatchedJsonLinesWriter;
  private stored = 0;

  constructor(
    private readonly store: ObjectStore,
    private readonly folder: string,
    syncId: string,
    private readonly redact: (text: string) => string,
    now: () => number = Date.now,
  ) {
    const started = now();
    const run = randomUUID().slice(0, 8);
    this.writer = new BatchedJsonLinesWriter(
      store,
      (_time, part) => webhookOutboxKey(folder, started, syncId, run, part),
      OUTBOX_BATCH,
    );
  }

  /** Where the outbox is, for the user: `s3://bucket/folder/`. */
  get location(): string {
    return `s3://${this.store.bucket}/${this.folder}`;
  }

  /** Envelopes this sync stored. */
  get keptCount(): number {
    return this.stored;
  }

  /** Resolves once the envelope is stored; rejects with the store's error otherwise. */
  async keep(envelope: WebhookEnvelope): Promise<void> {
    await this.writer.append(this.redact(JSON.stringify(envelope)));
    this.stored++;
  }

  /**
   * Delivers what earlier syncs left, oldest first, `batchSize` envelopes a delivery. An object is
   * deleted only once all of it is delivered. Rejects with OutboxDeliveryFailed when a delivery
   * fails (after the object is rewritten with its undelivered rest), with the store's error when
   * the bucket fails, and with WebhookOutboxDamagedError for an object that is not JSON Lines.
   */
  async deliverWaiting(deliver: DeliverEnvelopes, batchSize: number): Promise<OutboxDelivery> {
    // Read and checked whole before the first delivery: a damaged object stops the sync before
    // anything is sent, and a failure can say exactly how many envelopes still wait. The outbox
    // holds at most what one stopped sync had read ahead, so this stays small.
    const objects: Array<{ key: string; lines: string[]; envelopes: WebhookEnvelope[] }> = [];
    for await (const { key } of this.store.list(this.folder)) {
      const text = await this.store.get(key);
      if (text === undefined) continue;
      const lines = text.split("\n").filter((line) => line !== "");
      objects.push({ key, lines, envelopes: lines.map((line, i) => parseEnvelope(key, i + 1, line)) });
    }
    const total = objects.reduce((sum, object) => sum + object.envelopes.length, 0);
    let delivered = 0;
    for (const { key, lines, envelopes } of objects) {
      let sent = 0;
      try {
        for (; sent < envelopes.length; sent += batchSize) {
          await deliver(envelopes.slice(sent, sent + batchSize));
          delivered += Math.min(batchSize, envelopes.length - sent);
        }
      } catch (error) {
        // If this rewrite fails too, the whole object stays and its delivered part goes again
        // next time (same Idempotency-Keys): at-least-once, only when both webhook and bucket fail.
        if (sent > 0) await this.store.put(key, `${lines.slice(sent).join("\n")}\n`).catch(() => undefined);
        throw new OutboxDeliveryFailed(delivered, total - delivered, error);
      }
      await this.store.delete(key);
    }
    return { objects: objects.length, envelopes: delivered };
  }

  /** Writes what is waiting (resolves once stored or failed), then closes the bucket's client. */
  async close(): Promise<void> {
    await this.writer.close();
    await this.store.close();
  }
}

function parseEnvelope(key: string, line: number, text: string): WebhookEnvelope {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new WebhookOutboxDamagedError(key, line);
  }
  const envelope = value as Partial<WebhookEnvelope> | null;
  if (typeof envelope !== "object" || envelope === null || typeof envelope.idempotency_key !== "string")
    throw new WebhookOutboxDamagedError(key, line);
  return envelope as WebhookEnvelope;
}
