export * from "./batched-writer.js";
export * from "./object-paths.js";
export * from "./object-storage-error.js";
export * from "./object-store.js";
export * from "./s3-object-store.js";
export * from "./s3-settings.js";
export * from "./s3-settings-from-config.js";
