import { RecordError } from "../../errors/index.js";
import type { FlowJsonValidationError } from "../../flow-json/index.js";

/**
 * The record's Flow JSON has validation errors: found locally before any upload, or reported by
 * Meta in a 200 answer (the Flow is saved but cannot be published). The errors keep Meta's shape
 * (error code, message, line/column, JSON path pointers) so both read the same in reports.
 */
export class FlowJsonRejectedError extends RecordError {
  readonly validationErrors: readonly FlowJsonValidationError[];
  readonly source: "local" | "graph";

  constructor(
    label: string,
    field: string,
    source: "local" | "graph",
    validationErrors: readonly FlowJsonValidationError[],
  ) {
    const first = validationErrors[0];
    const where = first === undefined ? "" : describeFirst(first);
    const more = validationErrors.length > 1 ? ` (and ${validationErrors.length - 1} more)` : "";
    const verdict =
      source === "local"
        ? `field "${field}" fails Flow JSON validation, so it was not uploaded`
        : `the Graph API saved the Flow JSON of field "${field}" but reported validation errors, so the Flow cannot be published`;
    super(`${label}: ${verdict}: ${where}${more}`, {
      code: source === "local" ? "ERR_FLOW_JSON_INVALID" : "ERR_FLOW_JSON_REMOTE_INVALID",
      field,
      hint: "Fix the Flow JSON (see the validation errors in the report) and send the record again",
    });
    this.validationErrors = validationErrors;
    this.source = source;
  }
}

/** Code, JSON path and position of the first finding; Meta's message stays in `validationErrors`. */
function describeFirst(error: FlowJsonValidationError): string {
  const path = error.pointers[0]?.path;
  const line =
    error.line_start === undefined
      ? ""
      : ` (line ${error.line_start}${error.column_start === undefined ? "" : `, column ${error.column_start}`})`;
  return `${error.error}${path === undefined ? "" : ` at ${path}`}${line}`;
}
