import { validateFlowJson } from "../flow-json/index.js";
import { FlowJsonRejectedError } from "./errors/flow-json-rejected-error.js";
import { recordLabel } from "./graph-plan.js";
import type { RecordContext } from "./operation.js";
import { fieldError, isPlainObject } from "./record-fields.js";

/**
 * A record's Flow JSON as the text to upload, validated locally first: a record that cannot pass
 * is rejected here, before any call, with Meta-style errors (code, message, JSON path). An object
 * is serialised once; a string is uploaded exactly as given, so line/column findings match it.
 */
export function readFlowJson(
  value: unknown,
  field: string,
  context: RecordContext,
  requirePublishable: boolean,
): string {
  let text: string;
  if (typeof value === "string") {
    if (value.trim() === "") throw fieldError(context, field, "must be a Flow JSON object or its JSON text");
    text = value;
  } else if (isPlainObject(value)) {
    text = JSON.stringify(value);
  } else {
    throw fieldError(context, field, "must be a Flow JSON object or its JSON text");
  }
  const result = validateFlowJson(text, { requirePublishable });
  if (!result.valid) throw new FlowJsonRejectedError(recordLabel(context), field, "local", result.errors);
  return text;
}
