// What the other layers use of the config contract.
export { type ConfiguredCatalog, loadCatalog, parseCatalog } from "./catalog.js";
export { describeConfigIssues } from "./config-issues.js";
export { checkGuardrailRules } from "./guardrail-rules.js";
export { loadConfigWith, parseConfigWith } from "./load-config.js";
export {
  buildConfigSchema,
  type Config,
  type ConfigSchema,
  DEFAULT_GUARDRAILS,
  type EndpointConfig,
  type EndpointOption,
  endpointOneOf,
  flowIdField,
  type GuardrailsConfig,
  type ObjectStorageConfig,
  phoneNumberIdField,
  type S3StorageConfig,
  sendRateOf,
  templateConst,
  type WebhookTarget,
} from "./schema/index.js";
export { secretsOf } from "./secrets.js";
export {
  buildSpecification,
  type ConnectorSpecification,
  type Json,
  normalise,
} from "./spec.js";
