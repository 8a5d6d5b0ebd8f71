import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** `sha256=<hex HMAC-SHA256 of the exact body bytes>`, the X-Signature-256 header (Meta's own webhook style). */
function signBody(secret: string, body: Uint8Array): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** For receivers (and tests): constant-time check of an X-Signature-256 header. */
export function verifySignature(secret: string, body: Uint8Array, header: string | undefined): boolean {
  if (header === undefined) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * The Idempotency-Key of one record's envelope: sha256 of the sync id, the stream key and the
 * record index. Computed once per record, so every delivery retry carries the same key; the sync
 * id (random per run) keeps a later sync's new call for the same input position from being taken
 * for a duplicate.
 */
export function recordIdempotencyKey(syncId: string, streamKey: string, recordIndex: number): string {
  return createHash("sha256").update(`${syncId}\n${streamKey}\n${recordIndex}`).digest("hex");
}

/** A batch's key: derived from its envelopes' keys, so a retried batch keeps it. */
export function batchIdempotencyKey(keys: readonly string[]): string {
  if (keys.length === 1) return keys[0]!;
  return createHash("sha256").update(keys.join("\n")).digest("hex");
}

/**
 * The headers of one delivery: the user's, then ours (ours win): JSON, the Idempotency-Key and,
 * with a signing secret, the signature of these exact bytes.
 */
export function deliveryHeaders(
  userHeaders: Readonly<Record<string, string>>,
  body: Uint8Array,
  idempotencyKey: string,
  signingSecret: string | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {
    ...userHeaders,
    "content-type": "application/json",
    "idempotency-key": idempotencyKey,
  };
  if (signingSecret) headers["x-signature-256"] = signBody(signingSecret, body);
  return headers;
}
