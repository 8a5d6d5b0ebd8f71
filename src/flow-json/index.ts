export * from "./describe-findings.js";
export * from "./error-codes.js";
export * from "./json-path.js";
export * from "./locate.js";
export * from "./parse-with-positions.js";
export * from "./validate.js";
export * from "./validation-error.js";
export * from "./versions.js";
