import { randomUUID } from "node:crypto";
import type { ObjectStorageConfig } from "../../config/index.js";
import { ConnectorError } from "../../errors/index.js";

/**
 * check proves write access to the bucket the way the load-dlq toolkit does: put a small probe
 * object, then delete it. A refusal is FAILED naming the bucket and S3's error code (AccessDenied,
 * NoSuchBucket, InvalidAccessKeyId…). The S3 code is loaded only when object storage is set, so a
 * config without it starts as before.
 */
export async function probeObjectStorage(config: ObjectStorageConfig): Promise<string | undefined> {
  if (config.storage_type !== "S3") return undefined;
  const storage = await import("../../object-storage/index.js");
  let client: InstanceType<typeof storage.S3Client>;
  try {
    client = new storage.S3Client({
      ...storage.s3SettingsFromConfig(config),
      attempts: 2,
      requestTimeoutMs: 15_000,
    });
  } catch (error) {
    if (error instanceof ConnectorError) return error.message;
    throw error;
  }
  const key = storage.probeKey(config.bucket_path, randomUUID());
  try {
    await client.put(key, '{"data":1}\n');
    await client.delete(key);
    return undefined;
  } catch (error) {
    if (!(error instanceof storage.ObjectStorageError)) throw error;
    return `Cannot write to S3 bucket "${error.bucket}" (${error.s3Code}): ${error.message}`;
  } finally {
    await client.close();
  }
}
