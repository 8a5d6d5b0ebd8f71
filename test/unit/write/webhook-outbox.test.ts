import { describe, expect, it } from "vitest";
import { webhookOutboxFolder } from "../../../src/object-storage/webhook-outbox-paths.js";
import {
  DEFAULT_WEBHOOK_RETRY,
  type Poster,
  type WebhookEnvelope,
  WebhookOutbox,
  WebhookSink,
} from "../../../src/write/response-webhook/index.js";
import { MemoryStore } from "./support/memory-store.js";

const FOLDER = webhookOutboxFolder("wa/prod");

function envelope(index: number, to = `…000${index % 3}`): WebhookEnvelope {
  return {
    stream: "invites",
    namespace: null,
    record_index: index,
    input_line: index,
    record_key: `to=${to}`,
    template: "send_published_flow",
    outcome: "succeeded",
    request: null,
    response: null,
    attempts: 1,
    calls: 1,
    retries: 0,
    idempotency_key: `key-${index}`,
  };
}

async function outboxWith(store: MemoryStore, count: number, startedMs = 1_000): Promise<void> {
  const outbox = new WebhookOutbox(
    store,
    FOLDER,
    "4101",
    (t) => t,
    () => startedMs,
  );
  await Promise.all(Array.from({ length: count }, (_, i) => outbox.keep(envelope(i + 1))));
  await outbox.close();
}

describe("the webhook outbox", () => {
  it("keeps envelopes under {bucket_path}/_whatsapp_flows_webhook_outbox/ in objects named in the order stored", async () => {
    const store = new MemoryStore();
    await outboxWith(store, 150, 1_000);
    await outboxWith(store, 1, 2_000);
    const keys = [...store.objects.keys()].sort();
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(
      /^wa\/prod\/_whatsapp_flows_webhook_outbox\/0000000001000_4101_[0-9a-f]{8}_000000\.jsonl$/,
    );
    const indexes = keys.flatMap((key) =>
      store.objects
        .get(key)!
        .trim()
        .split("\n")
        .map((line) => (JSON.parse(line) as WebhookEnvelope).record_index),
    );
    expect(indexes).toEqual([...Array.from({ length: 150 }, (_, i) => i + 1), 1]);
  });

  it("delivers what it holds in order, deletes each object only once all of it is delivered, and delivers nothing twice", async () => {
    const store = new MemoryStore();
    await outboxWith(store, 7);
    const delivered: number[][] = [];
    let failAt = 3;
    const deliver = async (batch: readonly WebhookEnvelope[]) => {
      if (failAt-- === 0) throw new Error("HTTP 500");
      delivered.push(batch.map((e) => e.record_index));
    };
    const outbox = new WebhookOutbox(store, FOLDER, "4102", (t) => t);
    const stopped = await outbox.deliverWaiting(deliver, 2).catch((error: unknown) => error);
    expect(stopped).toMatchObject({ delivered: 6, left: 1 });
    // The delivered part is gone from the object, and the object is not deleted yet.
    expect(store.calls.filter((c) => c.startsWith("DELETE"))).toEqual([]);
    expect([...store.objects.values()].map((text) => text.trim().split("\n").length)).toEqual([1]);

    failAt = -1;
    expect(await outbox.deliverWaiting(deliver, 2)).toEqual({ objects: 1, envelopes: 1 });
    expect(delivered).toEqual([[1, 2], [3, 4], [5, 6], [7]]);
    expect(store.objects.size).toBe(0);
  });

  it("refuses a damaged object before delivering anything, naming its key", async () => {
    const store = new MemoryStore();
    await outboxWith(store, 2);
    store.objects.set(`${FOLDER}9999999999999_x_y_000000.jsonl`, "{not json\n");
    const deliveries: unknown[] = [];
    const outbox = new WebhookOutbox(store, FOLDER, "4103", (t) => t);
    await expect(outbox.deliverWaiting(async (b) => void deliveries.push(b), 1)).rejects.toMatchObject({
      failureType: "config_error",
      message: expect.stringContaining(`${FOLDER}9999999999999_x_y_000000.jsonl" is damaged: line 1`),
    });
    expect(deliveries).toEqual([]);
  });
});

describe("the webhook sink when the webhook fails", () => {
  it("hands every undelivered envelope back once, in the order added, after the deliveries in flight end", async () => {
    const answers: Array<(status: number) => void> = [];
    const post: Poster = () => new Promise<number>((resolve) => answers.push(resolve));
    const delivered: number[] = [];
    const undelivered: number[][] = [];
    const sink = new WebhookSink<number>({
      post,
      headers: {},
      signingSecret: undefined,
      batchSize: 1,
      retry: { ...DEFAULT_WEBHOOK_RETRY, maxRetries: 0 },
      redact: (t) => t,
      concurrency: 3,
      lingerMs: 5,
      signal: new AbortController().signal,
      onDelivered: (tokens) => delivered.push(...tokens),
      onUndelivered: ({ tokens, envelopes }) => {
        expect(envelopes.map((e) => e.record_index)).toEqual(tokens);
        undelivered.push([...tokens]);
      },
    });
    for (let i = 1; i <= 5; i++) sink.add(envelope(i), i);
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    await settle();
    expect(answers).toHaveLength(3);
    answers[1]!(500); // record 2 fails: 4 and 5 are not sent
    await settle();
    sink.add(envelope(6), 6);
    expect(undelivered).toEqual([]); // 1 and 3 are still in flight
    answers[2]!(503);
    answers[0]!(200);
    await settle();
    expect(delivered).toEqual([1]);
    expect(undelivered).toEqual([[2, 3, 4, 5, 6]]);
    sink.add(envelope(7), 7);
    expect(undelivered).toEqual([[2, 3, 4, 5, 6], [7]]);
    expect(answers).toHaveLength(3);
  });
});
