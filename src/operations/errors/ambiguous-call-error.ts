import { ConnectorError } from "../../errors/index.js";

/**
 * A call that may or may not have been processed (a send whose answer was lost, a 5xx after the
 * request was written). It is never repeated by us: a human decides from the report.
 */
export class AmbiguousCallError extends ConnectorError {
  constructor(label: string, request: string, reason: string, cause?: unknown) {
    super(
      "ERR_AMBIGUOUS",
      "transient_error",
      `${label}: ${request} may or may not have been processed (${reason})`,
      {
        hint: "It was not sent again, to avoid a duplicate. Check the recipient or the Flow before resending",
        cause,
      },
    );
  }
}
