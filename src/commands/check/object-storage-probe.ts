import { randomUUID } from "node:crypto";
import type { ObjectStorageConfig } from "../../config/index.js";
import { ConnectorError } from "../../errors/index.js";

/**
 * check proves write access to the bucket the way the load-dlq toolkit does: put a small probe
 * object, then delete it. A refusal is FAILED naming the bucket, S3's (or STS's) error code
 * (AccessDenied, NoSuchBucket, InvalidAccessKeyId…) and what to fix. The S3 code, and the AWS SDK
 * with it, is loaded only when object storage is set, so a config without it starts as before.
 */
export async function probeObjectStorage(
  config: ObjectStorageConfig,
  requestTimeoutMs: number,
): Promise<string | undefined> {
  if (config.storage_type !== "S3") return undefined;
  const storage = await import("../../object-storage/index.js");
  let store: InstanceType<typeof storage.S3ObjectStore>;
  try {
    store = new storage.S3ObjectStore({
      ...storage.s3SettingsFromConfig(config),
      attempts: 2,
      requestTimeoutMs,
    });
  } catch (error) {
    if (error instanceof ConnectorError) return error.message;
    throw error;
  }
  const key = storage.probeKey(config.bucket_path, randomUUID());
  try {
    await store.put(key, '{"data":1}\n');
    await store.delete(key);
    return undefined;
  } catch (error) {
    if (!(error instanceof storage.ObjectStorageError)) throw error;
    return `Cannot write to S3 bucket "${error.bucket}" (${error.s3Code}): ${error.message}`;
  } finally {
    await store.close();
  }
}
