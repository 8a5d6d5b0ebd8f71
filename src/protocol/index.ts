// What the other layers use of the Airbyte wire.
export { errorToTrace } from "./error-trace.js";
export { InputMessageError, unknownStreamError } from "./input-error.js";
export { MAX_RECORD_DEPTH, MAX_RECORD_LINE_BYTES, MAX_STATE_DEPTH } from "./limits.js";
export type { InputMessage, RecordMessage, StateMessage, UnreadableRecordMessage } from "./messages/input.js";
export {
  connectionStatusMessage,
  destinationCatalogMessage,
  EchoedStateMessage,
  type ErrorTraceInput,
  echoedStateMessage,
  errorTraceMessage,
  type LogLevel,
  logMessage,
  type OutputMessage,
  specMessage,
} from "./messages/output.js";
export { REDACTED, Redactor } from "./redactor.js";
export type { StateEcho } from "./state-echo.js";
export { type NumberedMessage, parseInputLine, readInputBatches, readInputMessages } from "./stdin-reader.js";
export { MessageWriter } from "./stdout-writer.js";
export { streamKey } from "./stream-key.js";
