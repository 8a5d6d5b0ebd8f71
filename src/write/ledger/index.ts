export * from "./ledger-damaged-error.js";
export * from "./ledger-entry.js";
export * from "./ledger-index.js";
export * from "./ledger-object-reader.js";
export * from "./ledger-objects.js";
export * from "./record-identity.js";
export * from "./send-ledger.js";
