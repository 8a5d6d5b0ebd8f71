export * from "./classification-table.js";
export * from "./classify.js";
export * from "./client.js";
export * from "./errors/index.js";
export * from "./pacing/index.js";
export * from "./retry-policy.js";
export * from "./types.js";
export * from "./usage-headers.js";
