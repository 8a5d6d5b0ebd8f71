export * from "./delivery.js";
export * from "./envelope.js";
export * from "./signer.js";
export * from "./webhook-sink.js";
