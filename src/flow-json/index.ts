// What the other layers, tests and scripts use of the Flow JSON validator; each file's other exports stay inside.
export {
  describeFinding,
  describeFindings,
  type FlowJsonTextOrigin,
  positionsNote,
} from "./describe-findings.js";
export { formatPath } from "./json-path.js";
export { findNode, LineIndex, locate } from "./locate.js";
export { parseWithPositions } from "./parse-with-positions.js";
export { validateFlowJson } from "./validate.js";
export type { FlowJsonPointer, FlowJsonValidationError } from "./validation-error.js";
export {
  DATA_API_VERSIONS,
  isKnownFlowJsonVersion,
  isNewerFlowJsonVersion,
  LATEST_FLOW_JSON_VERSION,
  PUBLISHABLE_FLOW_JSON_VERSIONS,
} from "./versions.js";
