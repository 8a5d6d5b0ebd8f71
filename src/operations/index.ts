// What the other layers (write, commands) and the scripts use of the operations.

export { configSchema, connectorSpecification, loadConfig, parseConfig } from "./catalog/connector-config.js";
export { definitionOf, OPERATION_DEFINITIONS } from "./catalog/definitions.js";
export { destinationCatalog, liveDestinationCatalog } from "./catalog/destination-catalog.js";
export type { DestinationOperation } from "./catalog/destination-operation.js";
export { compileOperation, compileOperations, prepareOperations } from "./catalog/registry.js";
export { resolveStreams } from "./catalog/resolve-streams.js";
export { configuredStreamOperations } from "./catalog/stream-objects.js";
export { CallTally } from "./contract/call-tally.js";
export { type Effects, journaled, pacedAsSend, retriedAfterLoss } from "./contract/effects.js";
export type {
  AmbiguousOutcome,
  Operation,
  Outcome,
  RecordContext,
  RejectedOutcome,
  SucceededOutcome,
} from "./contract/operation.js";
export { createOperationEnv, type GraphRequester, type OperationEnv } from "./contract/operation-env.js";
export type { ResolvedStream } from "./contract/resolved-stream.js";
export { type SendTarget, sendTargetOf } from "./contract/send-target.js";
export { GraphRejectedError } from "./errors/index.js";
export {
  type FlowRef,
  flowMissingCause,
  templateCause,
  templateLabel,
  templateProblemOf,
} from "./graph-calls/config-cause.js";
export { readFlowStatus } from "./graph-calls/flow-lookup.js";
export { flowNamesOf } from "./graph-calls/flow-names.js";
export { listTemplatesOrWhy } from "./graph-calls/template-catalog.js";
export type { TemplateInfo } from "./graph-calls/template-info.js";
