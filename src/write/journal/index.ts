export * from "./ambiguous-line.js";
export * from "./call-grants.js";
export * from "./journal-gate.js";
export * from "./object-storage-journal.js";
export * from "./open-journal.js";
export * from "./record-journal.js";
export * from "./reject-line.js";
