import { ConfigError } from "../../errors/index.js";
import {
  type CompiledBodyTemplate,
  type CompiledHeaderTemplates,
  type CompiledUrlTemplate,
  compileBodyTemplate,
  compileHeaderTemplates,
  compileUrlTemplate,
  HostGuard,
  type PlaceholderConfigKey,
  type PlaceholderConfigValues,
} from "../../placeholders/index.js";
import { retriedAfterLoss } from "../contract/effects.js";
import type { OperationEnv } from "../contract/operation-env.js";
import type { AdvancedEndpointConfig } from "./advanced-endpoint.js";
import { methodEffects } from "./advanced-endpoint.js";

/** An advanced endpoint with every template compiled and every config-time check done. */
export interface CompiledAdvanced {
  readonly endpoint: AdvancedEndpointConfig;
  readonly url: CompiledUrlTemplate;
  readonly headers: CompiledHeaderTemplates;
  /** Undefined for GET and DELETE, which send no body. */
  readonly body: CompiledBodyTemplate | undefined;
  readonly config: PlaceholderConfigValues;
  readonly idempotent: boolean;
}

/**
 * Compiles url, request_headers and body_template once, before the first record: a malformed
 * template, a host that is neither the base_url host nor allowed, a reserved header, a file_field
 * without multipart or a `{config.*}` value the config lacks is a ConfigError naming the field
 * (e.g. `streams[2].endpoint.body_template`).
 */
export function compileAdvanced(
  env: OperationEnv,
  endpoint: AdvancedEndpointConfig,
  configPath: string,
): CompiledAdvanced {
  const url = compileUrlTemplate(endpoint.url, `${configPath}.url`);
  const guard = atField(
    `${configPath}.allowed_hosts`,
    () => new HostGuard({ baseUrl: env.baseUrl, allowedHosts: endpoint.allowed_hosts }),
  );
  atField(`${configPath}.url`, () => guard.assertAllowed(url.origin));
  const headers = compileHeaderTemplates(endpoint.request_headers, `${configPath}.request_headers`);
  const hasBody = endpoint.method !== "GET" && endpoint.method !== "DELETE";
  const body = hasBody
    ? compileBodyTemplate(endpoint.body_template, `${configPath}.body_template`)
    : undefined;
  if (endpoint.file_field !== undefined && endpoint.file_field !== "") {
    if (endpoint.content_format !== "multipart/form-data" || !hasBody) {
      throw new ConfigError(
        `${configPath}.file_field: a file part needs content_format multipart/form-data and a method with a body`,
        {
          code: "ERR_TEMPLATE_CONFIG",
          hint: "Set content_format to multipart/form-data, or remove file_field",
        },
      );
    }
    if (endpoint.file_name.trim() === "") {
      throw new ConfigError(`${configPath}.file_name: the file part needs a file name`, {
        code: "ERR_TEMPLATE_CONFIG",
        hint: 'Set file_name, e.g. "flow.json"',
      });
    }
  }
  const config: PlaceholderConfigValues = {
    waba_id: env.wabaId,
    phone_number_id: env.phoneNumberId,
    api_version: env.apiVersion,
  };
  checkConfigKeys(url.configKeys, config, `${configPath}.url`);
  checkConfigKeys(headers.configKeys, config, `${configPath}.request_headers`);
  if (body !== undefined) checkConfigKeys(body.configKeys, config, `${configPath}.body_template`);
  const idempotent = retriedAfterLoss(methodEffects(endpoint.method));
  return { endpoint, url, headers, body, config, idempotent };
}

function checkConfigKeys(
  keys: ReadonlySet<PlaceholderConfigKey>,
  config: PlaceholderConfigValues,
  field: string,
): void {
  for (const key of keys) {
    const value = config[key];
    if (value === undefined || value === "") {
      throw new ConfigError(`${field} uses {config.${key}}, but the connector config has no ${key}`, {
        code: "ERR_TEMPLATE_CONFIG",
        hint: `Set ${key} in the connector config, or take the value from the record with {message.…}`,
      });
    }
  }
}

/** Runs a config-time check and prefixes the config field to the message of its ConfigError. */
function atField<T>(field: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof ConfigError && !error.message.startsWith(field)) {
      throw new ConfigError(`${field}: ${error.message}`, { code: error.code, cause: error });
    }
    throw error;
  }
}
