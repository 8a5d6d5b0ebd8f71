export { CheckpointTracker, type RecordTicket } from "./checkpoint-tracker.js";
export { scopeOfState } from "./state-scope.js";
