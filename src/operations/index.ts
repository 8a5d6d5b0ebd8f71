// What the other layers (write, commands) and the scripts use of the operations.
export { CallTally } from "./call-tally.js";
export {
  type FlowRef,
  flowMissingCause,
  templateCause,
  templateLabel,
  templateProblemOf,
} from "./config-cause.js";
export { configSchema, connectorSpecification, loadConfig, parseConfig } from "./connector-config.js";
export { definitionOf, OPERATION_DEFINITIONS } from "./definitions.js";
export {
  type DestinationOperation,
  destinationCatalog,
  liveDestinationCatalog,
} from "./destination-catalog.js";
export { GraphRejectedError } from "./errors/index.js";
export { readFlowStatus } from "./flow-lookup.js";
export type {
  AmbiguousOutcome,
  Operation,
  Outcome,
  RecordContext,
  RejectedOutcome,
  SucceededOutcome,
} from "./operation.js";
export { createOperationEnv, type GraphRequester, type OperationEnv } from "./operation-env.js";
export { compileOperation, compileOperations, prepareOperations } from "./registry.js";
export { type ResolvedStream, resolveStreams } from "./resolve-streams.js";
export { configuredStreamOperations } from "./stream-objects.js";
export { listTemplatesOrWhy, type TemplateInfo } from "./template-catalog.js";
