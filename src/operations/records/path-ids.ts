import type { RecordContext } from "../contract/operation.js";
import type { OperationEnv } from "../contract/operation-env.js";
import type { FlowEndpoint } from "./flow-target.js";
import {
  fieldError,
  isAbsent,
  type RecordData,
  readId,
  recordError,
  requireString,
} from "./record-fields.js";

/** The Flow a record acts on: by id, or by name (resolved under the WABA when the call is made). */
export type FlowTarget =
  | { readonly flowId: string; readonly flowName?: undefined }
  | { readonly flowId?: undefined; readonly flowName: string };

/**
 * The Flow a record acts on: the Flow the stream's endpoint fixes (its `flow_id` or `flow_name`;
 * the registry refuses both) wins; else exactly one of the record's `flow_id` and `flow_name`. discover's json_schema requires neither (the platform's
 * draft-07 subset has no "one of these fields"; the chosen matching key says which is mapped),
 * so this is where "one of them" is enforced, at read time, before any call.
 */
export function flowTargetOf(
  configured: FlowEndpoint,
  record: RecordData,
  context: RecordContext,
): FlowTarget {
  if (configured.flow_id !== undefined && configured.flow_id !== "") return { flowId: configured.flow_id };
  if (configured.flow_name !== undefined && configured.flow_name !== "") {
    return { flowName: configured.flow_name };
  }
  const hasId = !isAbsent(record.flow_id);
  const hasName = !isAbsent(record.flow_name);
  if (hasId && hasName) {
    throw recordError(context, 'fields "flow_id" and "flow_name" are both set: give exactly one', "flow_id");
  }
  if (hasName) return { flowName: requireString(record.flow_name, "flow_name", context) };
  if (!hasId) {
    throw recordError(
      context,
      'field "flow_id" or "flow_name" is required (the stream\'s endpoint fixes no Flow)',
      "flow_id",
    );
  }
  return { flowId: readId(record.flow_id, "flow_id", context) };
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
