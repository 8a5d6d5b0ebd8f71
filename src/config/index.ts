export * from "./catalog.js";
export * from "./json-file.js";
export * from "./load-config.js";
export * from "./resolve-streams.js";
export * from "./schema/index.js";
export * from "./secrets.js";
export * from "./spec.js";
