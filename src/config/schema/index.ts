export {
  buildConfigSchema,
  type Config,
  type ConfigSchema,
} from "./config.js";
export {
  anyEndpointSchema,
  type EndpointConfig,
  type EndpointOption,
  endpointOneOf,
  flowIdField,
  phoneNumberIdField,
  templateConst,
} from "./endpoint.js";
export { DEFAULT_GUARDRAILS, type GuardrailsConfig, guardrailsSchema } from "./guardrails.js";
export {
  DEFAULT_LEDGER_WINDOW_HOURS,
  type ObjectStorageConfig,
  objectStorageSchema,
  type S3StorageConfig,
} from "./object-storage.js";
export { type ResponseWebhookConfig, responseWebhookSchema, type WebhookTarget } from "./response-webhook.js";
export { sendRateOf, throughputSchema } from "./throughput.js";
