export * from "./check.js";
export * from "./io.js";
export * from "./spec.js";
export * from "./write.js";
