import type { Config, ConfiguredCatalog } from "../../config/index.js";
import { webhookOutboxFolder } from "../../object-storage/webhook-outbox-paths.js";
import { syncIdOf } from "../journal/open-journal.js";
import { WebhookOutbox } from "./outbox.js";

/**
 * The webhook outbox of a sync that has both a response webhook and S3 object storage (else
 * none). The S3 code, and the AWS SDK with it, is imported only here and by the journal: a config
 * without object storage never loads it.
 */
export async function webhookOutboxFor(
  config: Config,
  catalog: ConfiguredCatalog,
  redact: (text: string) => string,
): Promise<WebhookOutbox | undefined> {
  const storage = config.object_storage_config;
  if (storage.storage_type !== "S3" || config.dry_run || config.response_webhook.mode !== "webhook")
    return undefined;
  const s3 = await import("../../object-storage/index.js");
  const store = new s3.S3ObjectStore({
    ...s3.s3SettingsFromConfig(storage),
    requestTimeoutMs: config.throughput.request_timeout_seconds * 1000,
  });
  return new WebhookOutbox(
    store,
    webhookOutboxFolder(storage.bucket_path),
    syncIdOf(catalog) ?? "run",
    redact,
  );
}
