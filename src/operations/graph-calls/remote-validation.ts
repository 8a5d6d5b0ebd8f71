import type { FlowJsonPointer, FlowJsonTextOrigin, FlowJsonValidationError } from "../../flow-json/index.js";
import type { GraphResponse } from "../../graph/index.js";
import { type GraphPlan, recordLabel } from "../contract/graph-plan.js";
import type { RejectedOutcome } from "../contract/operation.js";
import { FlowJsonRejectedError } from "../errors/flow-json-rejected-error.js";
import { isPlainObject } from "../records/record-fields.js";

/**
 * A 200 answer that still lists validation errors rejects the record: the Flow was saved but
 * cannot be published. Undefined when the answer holds none.
 */
export function remoteValidationRejection(
  plan: GraphPlan,
  response: GraphResponse,
  field: string,
  origin?: FlowJsonTextOrigin,
): RejectedOutcome | undefined {
  const errors = readRemoteValidationErrors(response.body);
  if (errors.length === 0) return undefined;
  return {
    kind: "rejected",
    request: plan.summary,
    response: { status: response.status, body: response.body },
    error: new FlowJsonRejectedError(recordLabel(plan.context), field, "graph", errors, origin),
  };
}

/**
 * Meta's `validation_errors` of an Update Flow JSON (or Create Flow with flow_json) answer, read
 * defensively into our shape. Meta answers 200 `success: true` even when the list is non-empty.
 */
function readRemoteValidationErrors(body: unknown): FlowJsonValidationError[] {
  if (!isPlainObject(body) || !Array.isArray(body.validation_errors)) return [];
  const errors: FlowJsonValidationError[] = [];
  for (const item of body.validation_errors) {
    if (!isPlainObject(item)) continue;
    errors.push({
      error: typeof item.error === "string" ? item.error : "UNKNOWN",
      error_type: typeof item.error_type === "string" ? item.error_type : "UNKNOWN",
      message: typeof item.message === "string" ? item.message : "",
      ...positions(item),
      pointers: Array.isArray(item.pointers) ? item.pointers.flatMap(readPointer) : [],
    });
  }
  return errors;
}

type Positions = Pick<FlowJsonValidationError, "line_start" | "line_end" | "column_start" | "column_end">;

function positions(item: Record<string, unknown>): Positions {
  const out: { -readonly [K in keyof Positions]?: number } = {};
  for (const key of ["line_start", "line_end", "column_start", "column_end"] as const) {
    const value = item[key];
    if (typeof value === "number") out[key] = value;
  }
  return out;
}

function readPointer(item: unknown): FlowJsonPointer[] {
  if (!isPlainObject(item) || typeof item.path !== "string") return [];
  return [{ path: item.path, ...positions(item) }];
}
