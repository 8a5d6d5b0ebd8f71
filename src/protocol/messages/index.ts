export * from "./input.js";
export * from "./output.js";
