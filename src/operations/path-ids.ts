import type { RecordContext } from "./operation.js";
import type { OperationEnv } from "./operation-env.js";
import { fieldError, isAbsent, type RecordData, readId } from "./record-fields.js";

/** The Flow a record acts on: the stream's configured Flow ID wins over the record's `flow_id`. */
export function flowIdOf(configured: string | undefined, record: RecordData, context: RecordContext): string {
  if (configured !== undefined && configured !== "") return configured;
  const value = record.flow_id;
  if (isAbsent(value)) {
    throw fieldError(context, "flow_id", "is required (the stream's endpoint has no Flow ID configured)");
  }
  return readId(value, "flow_id", context);
}

/**
 * The sender of a send: the stream's configured Business Phone Number ID, else the record's
 * `phone_number_id`, else the connector's default.
 */
export function phoneNumberIdOf(
  configured: string | undefined,
  record: RecordData,
  env: OperationEnv,
  context: RecordContext,
): string {
  if (configured !== undefined && configured !== "") return configured;
  const value = record.phone_number_id;
  if (!isAbsent(value)) return readId(value, "phone_number_id", context);
  if (env.phoneNumberId !== undefined) return env.phoneNumberId;
  throw fieldError(
    context,
    "phone_number_id",
    "is required (neither the stream's endpoint nor the connector config has a Business Phone Number ID)",
  );
}
