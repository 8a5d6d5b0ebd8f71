export { AmbiguousCallError } from "./ambiguous-call-error.js";
export { FlowJsonRejectedError } from "./flow-json-rejected-error.js";
export { GraphRejectedError, type GraphRejection } from "./graph-rejected-error.js";
