export * from "./error-trace.js";
export * from "./input-error.js";
export * from "./limits.js";
export * from "./messages/index.js";
export * from "./redactor.js";
export * from "./stdin-reader.js";
export * from "./stdout-writer.js";
