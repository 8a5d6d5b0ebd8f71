import type { ConnectorError } from "../errors/index.js";
import { GraphApiError } from "../graph/index.js";
import { GraphRejectedError } from "../operations/index.js";

/** The parts of a record-level error that reports and the webhook carry (never record content). */
export interface ErrorDetail {
  readonly code: string;
  readonly message: string;
  readonly graph?: {
    readonly code: number | null;
    readonly subcode: number | null;
    readonly fbtrace_id: string | null;
  };
}

export function errorDetail(error: ConnectorError): ErrorDetail {
  // Both the raw client error and the operations' record-level rejection carry Graph fields.
  if (error instanceof GraphApiError || error instanceof GraphRejectedError) {
    return {
      code: error.code,
      message: error.message,
      graph: {
        code: error.graphCode ?? null,
        subcode: error.subcode ?? null,
        fbtrace_id: error.fbtraceId ?? null,
      },
    };
  }
  return { code: error.code, message: error.message };
}
