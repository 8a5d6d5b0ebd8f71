export * from "./checkpoint-tracker.js";
export * from "./epoch.js";
export * from "./state-scope.js";
