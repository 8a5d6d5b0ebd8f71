export * from "./config.js";
export * from "./endpoint.js";
export * from "./response-webhook.js";
export * from "./throughput.js";
