import { ConfigError } from "../errors/index.js";
import type * as z from "../zod.js";
import { describeConfigIssues } from "./config-issues.js";
import { readJsonFile } from "./json-file.js";
import type { Config } from "./schema/index.js";
import { secretsOf } from "./secrets.js";

/** A schema built by `buildConfigSchema` (the connector's is assembled in src/operations). */
export type ConfigParser = z.ZodMiniType;

export function parseConfigWith(schema: ConfigParser, raw: unknown, source = "config"): Config {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(`Invalid ${source}: ${describeConfigIssues(parsed.error.issues, raw)}`, {
      code: "ERR_CONFIG_INVALID",
      hint: "Correct these fields (see the connector's spec for each field's meaning)",
    });
  }
  // Its endpoint oneOf narrows `Config`'s endpoints: every parsed config is a Config.
  return parsed.data as Config;
}

/**
 * Reads and validates the config file. `onSecret` sees every secret of the raw JSON before
 * validation, so that even a config that fails it cannot leak its token into the error output.
 */
export function loadConfigWith(
  schema: ConfigParser,
  path: string,
  onSecret?: (secret: string) => void,
): Config {
  const raw = readJsonFile(path, "config");
  if (onSecret) for (const secret of secretsOf(raw)) onSecret(secret);
  return parseConfigWith(schema, raw, `config file ${path}`);
}
