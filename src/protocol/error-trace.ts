import { ConnectorError } from "../errors/index.js";
import type { StreamDescriptor } from "./messages/input.js";
import { errorTraceMessage, type OutputMessage } from "./messages/output.js";

/**
 * Our typed errors carry their own failure_type; anything else reaching the top is a bug of ours,
 * so it is a system_error with the stack for whoever files the issue.
 */
export function errorToTrace(error: unknown, stream?: StreamDescriptor): OutputMessage {
  if (error instanceof ConnectorError) {
    return errorTraceMessage({
      message: error.message,
      failureType: error.failureType,
      internalMessage: error.internal ?? `${error.code}: ${error.message}`,
      ...(error.failureType === "system_error" && error.stack ? { stackTrace: error.stack } : {}),
      ...(stream ? { stream } : {}),
    });
  }
  const err = error instanceof Error ? error : new Error(String(error));
  return errorTraceMessage({
    message: `Unexpected internal error in destination-whatsapp-flows: ${err.message}`,
    failureType: "system_error",
    internalMessage: err.message,
    ...(err.stack ? { stackTrace: err.stack } : {}),
    ...(stream ? { stream } : {}),
  });
}
