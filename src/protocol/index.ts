// What the other layers use of the Airbyte wire.
export { errorToTrace } from "./error-trace.js";
export { InputMessageError } from "./input-error.js";
export {
  connectionStatusMessage,
  destinationCatalogMessage,
  type ErrorTraceInput,
  echoedStateMessage,
  errorTraceMessage,
  type InputMessage,
  type LogLevel,
  logMessage,
  type OtherMessage,
  type OutputMessage,
  type RecordMessage,
  type StateMessage,
  type StreamDescriptor,
  specMessage,
  type TraceMessage,
} from "./messages/index.js";
export { REDACTED, Redactor } from "./redactor.js";
export { type NumberedMessage, parseInputLine, readInputMessages } from "./stdin-reader.js";
export { MessageWriter } from "./stdout-writer.js";
export { streamKey } from "./stream-key.js";
