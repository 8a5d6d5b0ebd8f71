export * from "./ambiguous-call-error.js";
export * from "./flow-json-rejected-error.js";
export * from "./graph-rejected-error.js";
