import { randomUUID } from "node:crypto";
import type { Config, ConfiguredCatalog, GuardrailsConfig, S3StorageConfig } from "../../config/index.js";
import type { OutputMessage } from "../../protocol/index.js";
import { LedgerObjects, SendLedger } from "../ledger/index.js";
import type { RecordJob } from "../record-job.js";
import { openRecipientGuard, recipientSendsFor } from "../suppression/open-recipient-guard.js";
import type { RecipientGuard } from "../suppression/recipient-guard.js";
import { ObjectStorageJournal } from "./object-storage-journal.js";

/**
 * The ledger's batches: an object at most every linger (at most ~20 PUTs per second), or as soon
 * as it holds 512 lines. The linger is what a kill costs: the intents stored ahead of the calls
 * and the outcomes not yet stored are a linger (and a PUT) of calls each, and every one of them is
 * a record the next attempt reports ambiguous. Past ~5,000 calls/s a batch is full before its
 * linger, so intents wait a PUT, not a linger.
 */
const LEDGER_BATCH = { lingerMs: 50, maxLines: 512, maxBytes: 4 * 1024 * 1024 };

export interface JournalContext {
  readonly syncId: string;
  readonly redact: (text: string) => string;
  readonly emit: (message: OutputMessage) => void;
  readonly now?: () => number;
  /** Bounds each attempt of each bucket call (throughput.request_timeout_seconds). */
  readonly requestTimeoutMs?: number;
  /**
   * The suppression list and frequency cap settings; absent: neither is kept (a sync that sends no
   * message, which then needs no read of the list; tools; tests).
   */
  readonly guardrails?: GuardrailsConfig;
}

/** The job's id as the platform gives it (the same for every attempt of a job), safe in a key. */
export function syncIdOf(catalog: ConfiguredCatalog): string | undefined {
  for (const stream of catalog.streams) {
    const id = (stream as { sync_id?: unknown }).sync_id;
    if (typeof id === "number" || (typeof id === "string" && id !== ""))
      return String(id).replace(/[^\w-]/g, "-");
  }
  return undefined;
}

/**
 * Opens the bucket for one sync: the S3 code (and the AWS SDK) is imported only here (a config
 * without object storage never loads it), the ledger of this job and of the window is read
 * before the first record, and every later write goes through batched writers.
 */
export async function openObjectStorageJournal(
  config: S3StorageConfig,
  context: JournalContext,
): Promise<ObjectStorageJournal> {
  const storage = await import("../../object-storage/index.js");
  storage.checkKeyRoom(config.bucket_path, context.syncId);
  const store = new storage.S3ObjectStore({
    ...storage.s3SettingsFromConfig(config),
    ...(context.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: context.requestTimeoutMs }),
  });
  const writers = new Map<string, InstanceType<typeof storage.BatchedJsonLinesWriter>>();
  const now = context.now ?? Date.now;
  let ledger: SendLedger | undefined;
  let ledgerWriter: InstanceType<typeof storage.BatchedJsonLinesWriter> | undefined;
  let recipients: RecipientGuard | undefined;
  // The cap counts from the ledger's one read: it exists before that read.
  const sends = context.guardrails === undefined ? undefined : recipientSendsFor(context.guardrails, now);
  try {
    if (config.send_ledger) {
      const objects = new LedgerObjects(store, storage.ledgerFolder(config.bucket_path));
      const index = await objects.load(
        context.syncId,
        config.ledger_window_hours,
        now(),
        undefined,
        sends === undefined ? undefined : (entry) => sends.addLedgerEntry(entry),
      );
      const run = randomUUID().slice(0, 8);
      ledgerWriter = new storage.BatchedJsonLinesWriter(
        store,
        (time, part) => objects.entryKey(time, context.syncId, run, part),
        LEDGER_BATCH,
      );
      writers.set("\u0000ledger", ledgerWriter);
      ledger = new SendLedger(index, ledgerWriter, context.syncId, now);
    }
    if (context.guardrails !== undefined) {
      const opened = await openRecipientGuard(store, {
        folder: storage.suppressionFolder(config.bucket_path),
        guardrails: context.guardrails,
        syncId: context.syncId,
        now,
        writerFor: (keyOf) => new storage.BatchedJsonLinesWriter(store, keyOf),
        sends,
      });
      recipients = opened.guard;
      writers.set("\u0000suppression", opened.writer);
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  const rejectsOf = (job: RecordJob) => {
    const { stream } = job.runtime;
    let writer = writers.get(stream.key);
    if (writer === undefined) {
      const folder = storage.rejectsFolder(config.bucket_path, context.syncId, stream.namespace, stream.name);
      writer = new storage.BatchedJsonLinesWriter(
        store,
        (time, part) => `${folder}${storage.partFileName(time, part)}`,
      );
      writers.set(stream.key, writer);
    }
    return writer;
  };
  return new ObjectStorageJournal({
    rejectsOf,
    ledger,
    recipients,
    intentStoreMs: () => ledgerWriter?.storeMs ?? 0,
    redact: context.redact,
    emit: context.emit,
    ambiguousSends: config.ambiguous_sends,
    now,
    closeAll: async () => {
      await Promise.all([...writers.values()].map((writer) => writer.close()));
      await store.close();
    },
  });
}

/** A sync without a platform sync_id still keeps its rejects apart: one id per run. */
export function fallbackSyncId(): string {
  return `run-${randomUUID()}`;
}

/** The sync's journal when object storage is configured (and the sync sends anything), else none. */
export async function journalFor(
  config: Config,
  catalog: ConfiguredCatalog,
  context: Omit<JournalContext, "syncId" | "guardrails"> & { readonly sendsMessages?: boolean },
): Promise<ObjectStorageJournal | undefined> {
  const storage = config.object_storage_config;
  if (storage.storage_type !== "S3" || config.dry_run) return undefined;
  return openObjectStorageJournal(storage, {
    ...context,
    syncId: syncIdOf(catalog) ?? fallbackSyncId(),
    requestTimeoutMs: config.throughput.request_timeout_seconds * 1000,
    ...(context.sendsMessages ? { guardrails: config.guardrails } : {}),
  });
}
