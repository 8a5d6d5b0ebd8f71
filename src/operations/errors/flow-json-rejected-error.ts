import { RecordError } from "../../errors/index.js";
import {
  describeFindings,
  type FlowJsonTextOrigin,
  type FlowJsonValidationError,
  positionsNote,
} from "../../flow-json/index.js";

/**
 * The record's Flow JSON has validation errors: found locally before any upload, or reported by
 * Meta in a 200 answer (the Flow is saved but cannot be published). The errors keep Meta's shape
 * (error code, message, line/column, JSON path pointers) so both read the same in reports, and the
 * message lists every one of them, since the message is what reaches the report and the webhook.
 */
export class FlowJsonRejectedError extends RecordError {
  readonly validationErrors: readonly FlowJsonValidationError[];
  readonly source: "local" | "graph";

  constructor(
    label: string,
    field: string,
    source: "local" | "graph",
    validationErrors: readonly FlowJsonValidationError[],
    origin?: FlowJsonTextOrigin,
  ) {
    const count = `${validationErrors.length} error${validationErrors.length === 1 ? "" : "s"}`;
    const verdict =
      source === "local"
        ? `field "${field}" fails Flow JSON validation (${count}), so it was not uploaded`
        : `the Graph API saved the Flow JSON of field "${field}" but reported ${count}, so the Flow cannot be published`;
    // Meta's positions refer to what was uploaded, which is the text the local check read too.
    const note = origin === undefined ? "" : ` (${positionsNote(origin, field)})`;
    super(`${label}: ${verdict}${note}: ${describeFindings(validationErrors)}`, {
      code: source === "local" ? "ERR_FLOW_JSON_INVALID" : "ERR_FLOW_JSON_REMOTE_INVALID",
      field,
      hint: "Fix the Flow JSON and send the record again",
    });
    this.validationErrors = validationErrors;
    this.source = source;
  }
}
