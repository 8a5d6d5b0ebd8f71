export type {
  InputMessage,
  OtherMessage,
  RecordMessage,
  StateMessage,
  StreamDescriptor,
  TraceMessage,
} from "./input.js";
export {
  connectionStatusMessage,
  destinationCatalogMessage,
  type ErrorTraceInput,
  echoedStateMessage,
  errorTraceMessage,
  type LogLevel,
  logMessage,
  type OutputMessage,
  specMessage,
} from "./output.js";
