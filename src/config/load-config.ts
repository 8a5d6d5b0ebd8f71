import type { z } from "zod";
import { ConfigError } from "../errors/index.js";
import { formatJsonPath } from "./issue-path.js";
import { readJsonFile } from "./json-file.js";
import type { Config } from "./schema/index.js";
import { secretsOf } from "./secrets.js";

/**
 * Turns zod's issues into one line per problem a user can act on. Values are never echoed: a
 * config holds secrets, and "expected string" with the path is enough to find the mistake.
 */
export function describeConfigIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${formatJsonPath(issue.path)}: ${describeIssue(issue)}`)
    .join("; ");
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_union":
      if (issue.errors.length === 0) {
        const expected = /Expected (.*)$/.exec(issue.message)?.[1];
        return expected ? `must be one of ${expected}` : issue.message;
      }
      return issue.message;
    case "invalid_type":
      // zod keeps inputs out of issues (good: they may be secrets), so "missing" is read off its message.
      return /received undefined/.test(issue.message)
        ? `is required (expected ${issue.expected})`
        : `must be ${issue.expected}`;
    default:
      return issue.message;
  }
}

/** A schema built by `buildConfigSchema` (the connector's is assembled in src/operations). */
export type ConfigParser = z.ZodType;

export function parseConfigWith(schema: ConfigParser, raw: unknown, source = "config"): Config {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(`Invalid ${source}: ${describeConfigIssues(parsed.error.issues)}`, {
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
