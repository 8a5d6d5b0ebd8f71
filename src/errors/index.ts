// What the other layers, tests and scripts use of the connector's error kinds; each file's other exports stay inside.
export { ConfigError } from "./config-error.js";
export { ConnectorError, type ConnectorErrorOptions, type FailureType } from "./connector-error.js";
export { type ConfigLevelCause, RecordError } from "./record-error.js";
export { SystemError } from "./system-error.js";
export { TransientError } from "./transient-error.js";
