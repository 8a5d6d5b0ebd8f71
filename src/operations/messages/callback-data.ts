import { hash } from "node:crypto";
import * as z from "../../zod.js";
import { withMeta } from "../../zod.js";
import type { RecordContext } from "../contract/operation.js";
import { canonicalJson } from "../records/canonical-json.js";
import { fieldError, isAbsent, type RecordData, recordError } from "../records/record-fields.js";

/** Meta's limit on `biz_opaque_callback_data`: the string its status webhooks echo back. */
export const CALLBACK_DATA_LIMIT = 512;

/** The endpoint option of every send: the record field whose value is the callback data. */
export const callbackDataFieldOption = withMeta(
  z.optional(z.string().check(z.minLength(1), z.maxLength(255))),
  {
    title: "Callback data field",
    description: `The record field sent as biz_opaque_callback_data, which Meta echoes in every status webhook of the message (at most ${CALLBACK_DATA_LIMIT} characters). Leave empty for the stream and the record's primary key as JSON (or a hash of the record when the stream has no primary key).`,
    order: 20,
  },
);

/**
 * The `biz_opaque_callback_data` of one send: what a warehouse joins Meta's status webhooks on.
 * The named field's value when the endpoint names one; otherwise `{"stream", "key"}` from the
 * catalog's primary key, or `{"stream", "record_hash"}` (SHA-256 of the record's canonical JSON)
 * when the stream has none. Over Meta's limit, or a named field the record lacks, rejects the
 * record before any call.
 */
export function callbackDataOf(
  record: RecordData,
  context: RecordContext,
  fieldName: string | undefined,
): string {
  if (fieldName !== undefined) return namedCallbackData(record, context, fieldName);
  const stream = context.stream;
  const where = stream.namespace === undefined ? {} : { namespace: stream.namespace };
  const primaryKey = stream.primaryKey;
  if (primaryKey === undefined) {
    return JSON.stringify({ stream: stream.name, ...where, record_hash: recordHash(record) });
  }
  const key: Record<string, unknown> = {};
  for (const path of primaryKey) key[path.join(".")] = valueAt(record, path) ?? null;
  const data = JSON.stringify({ stream: stream.name, ...where, key });
  if (data.length > CALLBACK_DATA_LIMIT) {
    throw recordError(
      context,
      `its callback data (the stream and primary key ${primaryKey.map((p) => p.join(".")).join(", ")}) is ${data.length} characters; Meta's biz_opaque_callback_data takes at most ${CALLBACK_DATA_LIMIT}: name a shorter field in the endpoint's callback_data_field`,
    );
  }
  return data;
}

function namedCallbackData(record: RecordData, context: RecordContext, fieldName: string): string {
  const value = record[fieldName];
  if (isAbsent(value)) {
    throw fieldError(
      context,
      fieldName,
      "is missing: the endpoint's callback_data_field names it as the message's callback data",
    );
  }
  const text = typeof value === "string" ? value : JSON.stringify(value);
  if (text.length > CALLBACK_DATA_LIMIT) {
    throw fieldError(
      context,
      fieldName,
      `is ${text.length} characters; as the callback data (callback_data_field) Meta takes at most ${CALLBACK_DATA_LIMIT}`,
    );
  }
  return text;
}

function valueAt(record: RecordData, path: readonly string[]): unknown {
  let current: unknown = record;
  for (const key of path) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Hex SHA-256 of the record as JSON with its keys sorted at every level: equal data, equal hash. */
export function recordHash(record: RecordData): string {
  return hash("sha256", canonicalJson(record), "hex");
}
