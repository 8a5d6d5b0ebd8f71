export * from "./internal-pipeline-error.js";
export * from "./record-rejected-error.js";
export * from "./sync-interrupted-error.js";
export * from "./too-many-rejections-error.js";
export * from "./unreadable-record-error.js";
export * from "./webhook-delivery-error.js";
export * from "./webhook-rejected-error.js";
