import {
  describeFinding,
  type FlowJsonTextOrigin,
  positionsNote,
  validateFlowJson,
} from "../../flow-json/index.js";
import { recordLabel } from "../contract/graph-plan.js";
import type { RecordContext } from "../contract/operation.js";
import { FlowJsonRejectedError } from "../errors/flow-json-rejected-error.js";
import { fieldError, isPlainObject } from "../records/record-fields.js";

/**
 * Meta's limit of a Flow JSON file, 10 MB, as the UTF-8 bytes of the uploaded file (the same bound
 * the emulator's assets route enforces): a larger one is rejected before any call.
 */
export const MAX_FLOW_JSON_BYTES = 10 * 1024 * 1024;

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
  checkSize(text, field, context);
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

function checkSize(text: string, field: string, context: RecordContext): void {
  // A UTF-16 unit is at most 3 UTF-8 bytes: most texts need no count.
  if (text.length * 3 <= MAX_FLOW_JSON_BYTES) return;
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes <= MAX_FLOW_JSON_BYTES) return;
  throw fieldError(
    context,
    field,
    `is ${bytes} bytes as UTF-8, over Meta's limit of ${MAX_FLOW_JSON_BYTES} bytes (10 MB) for a Flow JSON: split the Flow or trim its data`,
  );
}
