// What the other layers, tests and scripts use of the write pipeline; each file's other exports stay inside.
export { runDryRun } from "./dry-run.js";
export type { PipelineInput } from "./input-reader.js";
export { callGrantsOf, journalFor, journalMaxPending, type RecordJournal } from "./journal/index.js";
export { MemoryOutput, WriterOutput } from "./output.js";
export { type PipelineResult, runPipeline } from "./pipeline.js";
export type { PipelineOptions, WebhookWiring } from "./pipeline-options.js";
export { transportPoster, verifySignature, type WebhookOutbox } from "./response-webhook/index.js";
export { webhookOutboxFor } from "./response-webhook/open-outbox.js";
export { KeyedQueue } from "./scheduler/index.js";
