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
export { type ResponseWebhookConfig, responseWebhookSchema, type WebhookTarget } from "./response-webhook.js";
export { sendRateOf, throughputSchema } from "./throughput.js";
