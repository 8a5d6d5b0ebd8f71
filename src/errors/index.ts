export * from "./config-error.js";
export * from "./connector-error.js";
export * from "./record-error.js";
export * from "./system-error.js";
export * from "./transient-error.js";
