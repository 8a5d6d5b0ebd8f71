import {
  describeFinding,
  type FlowJsonTextOrigin,
  positionsNote,
  validateFlowJson,
} from "../flow-json/index.js";
import { FlowJsonRejectedError } from "./errors/flow-json-rejected-error.js";
import { recordLabel } from "./graph-plan.js";
import type { RecordContext } from "./operation.js";
import { fieldError, isPlainObject } from "./record-fields.js";

/** The text to upload, and what the validator found worth saying without rejecting it. */
export interface FlowJsonInput {
  readonly text: string;
  /** What line/column in findings (ours or Meta's, which sees the same text) refer to. */
  readonly origin: FlowJsonTextOrigin;
  /** One line per warning (code, path, line/column, message); empty when there is nothing to say. */
  readonly warnings: readonly string[];
}

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
): FlowJsonInput {
  let text: string;
  let origin: FlowJsonTextOrigin;
  if (typeof value === "string") {
    if (value.trim() === "") throw fieldError(context, field, "must be a Flow JSON object or its JSON text");
    text = value;
    origin = "as-given";
  } else if (isPlainObject(value)) {
    text = JSON.stringify(value);
    origin = "serialised";
  } else {
    throw fieldError(context, field, "must be a Flow JSON object or its JSON text");
  }
  const result = validateFlowJson(text, { requirePublishable });
  if (!result.valid) {
    throw new FlowJsonRejectedError(recordLabel(context), field, "local", result.errors, origin);
  }
  const note = positionsNote(origin, field);
  return {
    text,
    origin,
    warnings: result.warnings.map((w) => `field "${field}": ${describeFinding(w)} (${note})`),
  };
}
