import { type ConfigLevelCause, RecordError } from "../../errors/index.js";
import type { RecordContext } from "../contract/operation.js";

/**
 * Typed reads of record fields for the `plan` step: conversions (digits from integers, JSON text
 * to objects) and the rules one schema cannot say (flow_id or flow_name, lengths of parts). The
 * operation's record schema has already checked presence and types (./record-check.ts). Every
 * failure is a RecordError naming the stream, the record and the field, never the field's value.
 */
export type RecordData = Readonly<Record<string, unknown>>;

export function fieldError(
  context: RecordContext,
  field: string,
  problem: string,
  /** Set when the field names a template or Flow no record could succeed with (../graph-calls/config-cause.ts). */
  configCause?: ConfigLevelCause,
): RecordError {
  return new RecordError(
    `stream "${context.stream.name}" record ${context.recordIndex}: field "${field}" ${problem}`,
    { code: "ERR_RECORD_FIELD", field, configCause },
  );
}

/** A record-level problem that is not about one field (e.g. two fields that exclude each other). */
export function recordError(context: RecordContext, problem: string, field?: string): RecordError {
  return new RecordError(`stream "${context.stream.name}" record ${context.recordIndex}: ${problem}`, {
    code: "ERR_RECORD_INVALID",
    ...(field === undefined ? {} : { field }),
  });
}

/** `undefined` and `null` both mean "not given": sources send null for empty columns. */
export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What fromJsonText answers for a string that is not JSON. */
export const NOT_JSON: unique symbol = Symbol("not JSON");

/**
 * A record value as given, or, for a string, the value its JSON text stands for (warehouse
 * sources hand JSON columns over as strings); NOT_JSON when the string does not parse.
 */
export function fromJsonText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return NOT_JSON;
  }
}

export function requireString(
  value: unknown,
  field: string,
  context: RecordContext,
  maxLength?: number,
): string {
  if (
    typeof value === "string" &&
    value.trim() !== "" &&
    (maxLength === undefined || value.length <= maxLength)
  ) {
    return value;
  }
  if (isAbsent(value)) throw fieldError(context, field, "is required");
  throw fieldError(context, field, describeString(maxLength));
}

export function optionalString(
  value: unknown,
  field: string,
  context: RecordContext,
  maxLength?: number,
): string | undefined {
  return isAbsent(value) ? undefined : requireString(value, field, context, maxLength);
}

function describeString(maxLength: number | undefined): string {
  return maxLength === undefined
    ? "must be a non-empty string"
    : `must be a string of at most ${maxLength} characters (not empty)`;
}

/**
 * Graph object ids (flows, phone numbers) are digit strings. Sources often type them as numbers:
 * a safe integer is accepted and turned into its digits. Digits only also keeps an id from
 * reaching another path of the API (no `/`, `.` or `?`).
 */
const ID = /^\d{1,32}$/;

export function readId(value: unknown, field: string, context: RecordContext): string {
  if (typeof value === "string" && ID.test(value)) return value;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (isAbsent(value)) throw fieldError(context, field, "is required");
  throw fieldError(context, field, "must be a numeric ID (a string of digits)");
}

/** Booleans, and the strings "true"/"false" that CSV and warehouse sources produce. */
export function optionalBoolean(value: unknown, field: string, context: RecordContext): boolean | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  throw fieldError(context, field, "must be a boolean");
}
