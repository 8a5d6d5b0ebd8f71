// What the other layers (write, commands, scripts) use of the operations.

export { configSchema, connectorSpecification, loadConfig, parseConfig } from "./connector-config.js";
export type { DestinationSyncMode, OperationDefinition } from "./definition.js";
export { activationDefinitions, definitionOf, OPERATION_DEFINITIONS } from "./definitions.js";
export { type DestinationOperation, destinationCatalog } from "./destination-catalog.js";
export { GraphRejectedError } from "./errors/index.js";
export type {
  AmbiguousOutcome,
  Operation,
  Outcome,
  RecordContext,
  RejectedOutcome,
  RequestSummary,
  SucceededOutcome,
} from "./operation.js";
export { createOperationEnv, type GraphRequester } from "./operation-env.js";
export { describeExpected, recordJsonSchema } from "./record-schema.js";
export { compileOperation, compileOperations, type OperationDeps } from "./registry.js";
export { type ResolvedStream, resolveStreams } from "./resolve-streams.js";
