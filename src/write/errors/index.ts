export { InternalPipelineError } from "./internal-pipeline-error.js";
export { SyncInterruptedError } from "./sync-interrupted-error.js";
export { UnreadableRecordError } from "./unreadable-record-error.js";
