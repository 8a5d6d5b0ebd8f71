import { hash } from "node:crypto";
import { ConfigError } from "../errors/index.js";

/** S3 refuses keys longer than this many bytes (UTF-8). */
export const MAX_KEY_BYTES = 1_024;

/**
 * A stream's or namespace's folder name takes at most this many bytes (fewer under a long
 * bucket_path): the toolkit downloads into folders of these names, and file systems take names
 * up to 255 bytes.
 */
export const MAX_SEGMENT_BYTES = 200;

/** Room for the longest file name written in a folder (`{date}_{timestamp}_{part}.jsonl`). */
const FILE_NAME_BYTES = 64;

/** `~` and 12 hex digits of SHA-256: what replaces the end of a name cut short. */
const HASH_SUFFIX_BYTES = 13;

/**
 * Characters a name cannot keep as they are: the separator `/` (and `\`, one on Windows, where
 * the toolkit may download), `%` and `~` (so that the encoding stays one-to-one and a hash suffix
 * cannot be forged), C0 and C1 control characters and DEL, the bidirectional controls (which make a
 * name read as another), and unpaired surrogates (not representable in UTF-8: two names would
 * become one key).
 */
const ESCAPED =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it escapes
  /[/\\%~\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;

/**
 * A stream or namespace name as one key segment that stays inside its folder: the characters
 * above percent-encoded (UTF-8 bytes, `%2F`), `.` and `..` (which file systems resolve) as
 * `%2E` and `%2E%2E`, and a name longer than `maxBytes` cut at a character boundary and ended by
 * `~` and 12 hex digits of the SHA-256 of the whole name (stable: the same name always gives the
 * same folder). Ordinary names (letters of any script, digits, `_-.` and spaces) are unchanged.
 */
export function encodeKeySegment(name: string, maxBytes = MAX_SEGMENT_BYTES): string {
  let encoded = name.replace(ESCAPED, percentEncode);
  if (encoded === "." || encoded === "..") encoded = encoded.replaceAll(".", "%2E");
  if (Buffer.byteLength(encoded) <= maxBytes) return encoded;
  const suffix = `~${hash("sha256", name, "hex").slice(0, HASH_SUFFIX_BYTES - 1)}`;
  return `${cutToBytes(encoded, maxBytes - HASH_SUFFIX_BYTES)}${suffix}`;
}

function percentEncode(char: string): string {
  // A lone surrogate has no UTF-8 bytes of its own: its code unit, in the %uXXXX form.
  const code = char.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff) return `%u${code.toString(16).toUpperCase()}`;
  return [...Buffer.from(char, "utf8")]
    .map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`)
    .join("");
}

/** The longest start of `text` of at most `bytes` UTF-8 bytes that splits no character or %XX escape. */
function cutToBytes(text: string, bytes: number): string {
  let out = "";
  let used = 0;
  for (const token of text.match(/%u[0-9A-F]{4}|%[0-9A-F]{2}|[\s\S]/gu) ?? []) {
    const size = Buffer.byteLength(token);
    if (used + size > bytes) break;
    out += token;
    used += size;
  }
  return out;
}

/**
 * Object keys, laid out as Airbyte's load-dlq toolkit lays them: `{bucket_path}/{sync_id}/
 * {namespace}/{stream_name}/` and files named `{date}_{timestamp}_{part_number}.jsonl`. The
 * toolkit joins the segments as file-system paths, so an absent namespace (or an empty
 * bucket_path) leaves no empty segment: `{bucket_path}/{sync_id}/{stream_name}/`. The
 * bucket_path is the user's own path and keeps its folders; every other segment is one folder.
 */
export function joinKey(...segments: ReadonlyArray<string | null | undefined>): string {
  return segments
    .flatMap((segment) => (segment ?? "").split("/"))
    .filter((part) => part !== "" && part !== ".")
    .join("/");
}

/** bucket_path's own folders, without `..` (which would climb out of it when the toolkit downloads). */
function bucketFolders(bucketPath: string): string {
  return joinKey(...bucketPath.split("/").map((part) => (part === ".." ? encodeKeySegment(part) : part)));
}

/** The folder of one stream's rejected records in one sync, with its trailing slash. */
export function rejectsFolder(
  bucketPath: string,
  syncId: string,
  namespace: string | null | undefined,
  streamName: string,
): string {
  const base = syncFolder(bucketPath, syncId);
  const budget = segmentBudget(base);
  const hasNamespace = namespace !== null && namespace !== undefined && namespace !== "";
  return `${joinKey(
    base,
    hasNamespace ? encodeKeySegment(namespace, budget) : undefined,
    encodeKeySegment(streamName, budget),
  )}/`;
}

/**
 * Refuses, before the first record, a bucket_path so long that the keys under it could exceed
 * S3's limit whatever the stream names; any shorter one fits every name (segments shrink to fit).
 */
export function checkKeyRoom(bucketPath: string, syncId: string): void {
  segmentBudget(syncFolder(bucketPath, syncId));
}

function syncFolder(bucketPath: string, syncId: string): string {
  return joinKey(bucketFolders(bucketPath), encodeKeySegment(syncId));
}

/** Below this, a name would be little more than its hash suffix. */
const MIN_SEGMENT_BYTES = 32;

/**
 * How many bytes the namespace and stream segments may each take under `base` so that a key
 * (with its separators and file name) stays within S3's limit: MAX_SEGMENT_BYTES, or less under
 * a long bucket_path.
 */
function segmentBudget(base: string): number {
  const room = MAX_KEY_BYTES - FILE_NAME_BYTES - Buffer.byteLength(base) - 3;
  const budget = Math.min(MAX_SEGMENT_BYTES, Math.floor(room / 2));
  if (budget >= MIN_SEGMENT_BYTES) return budget;
  throw new ConfigError(
    `object_storage_config.bucket_path is too long: the keys under it would exceed S3's limit of ${MAX_KEY_BYTES} bytes`,
    {
      code: "ERR_OBJECT_STORAGE_PATH",
      hint: `Shorten bucket_path to at most ${MAX_KEY_BYTES - FILE_NAME_BYTES - 3 - 2 * MIN_SEGMENT_BYTES - MAX_SEGMENT_BYTES - 1} bytes`,
    },
  );
}

/** `2026-12-01_2026-12-01T10:02:03.123Z_0.jsonl`: the toolkit's default file name for JSON Lines. */
export function partFileName(time: Date, part: number): string {
  const iso = time.toISOString();
  return `${iso.slice(0, 10)}_${iso}_${part}.jsonl`;
}

/** Where the send ledger lives: beside the sync folders, under a name no sync_id can take. */
export function ledgerFolder(bucketPath: string): string {
  return `${joinKey(bucketFolders(bucketPath), "_whatsapp_flows_send_ledger")}/`;
}

/** The suppression list of the guardrails (recipients who opted out), beside the send ledger. */
export function suppressionFolder(bucketPath: string): string {
  return `${joinKey(bucketFolders(bucketPath), "_whatsapp_flows_suppression")}/`;
}

/** check's probe object: written, then deleted. */
export function probeKey(bucketPath: string, nonce: string): string {
  return joinKey(bucketFolders(bucketPath), `_check_test_${nonce}`);
}
