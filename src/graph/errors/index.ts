export * from "./address-refused-error.js";
export * from "./graph-api-error.js";
export * from "./graph-envelope.js";
export * from "./network-error.js";
export * from "./request-aborted-error.js";
export * from "./request-timeout-error.js";
export * from "./response-too-large-error.js";
