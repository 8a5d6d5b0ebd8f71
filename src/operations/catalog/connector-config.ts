import {
  buildConfigSchema,
  buildSpecification,
  type Config,
  type ConfigSchema,
  type ConnectorSpecification,
  type EndpointOption,
  endpointOneOf,
  loadConfigWith,
  parseConfigWith,
} from "../../config/index.js";
import { declaredSyncModes, OPERATION_DEFINITIONS } from "./definitions.js";

/**
 * The connector's config schema, assembled here because its endpoint oneOf comes from the
 * operation definitions and config (a bottom layer) cannot import them. Commands load configs
 * and build the SPEC through this module.
 */
const [first, ...rest] = OPERATION_DEFINITIONS.map((definition) => definition.endpoint);
// Typed as the config-level schema (endpoints read by `template`); at run time it is the full one.
export const configSchema = buildConfigSchema(
  endpointOneOf([first as EndpointOption, ...rest]),
) as unknown as ConfigSchema;

export function parseConfig(raw: unknown, source?: string): Config {
  return parseConfigWith(configSchema, raw, source);
}

export function loadConfig(path: string, onSecret?: (secret: string) => void): Config {
  return loadConfigWith(configSchema, path, onSecret);
}

export function connectorSpecification(): ConnectorSpecification {
  return buildSpecification(configSchema, declaredSyncModes());
}
