import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";
import { ROOT } from "./cli.js";

/**
 * The official Airbyte protocol schema is read from AIRBYTE_PROTOCOL_SCHEMA, else from beside the
 * checkout (../shared/reference, where this project's CI puts it), never copied into the project.
 * Without it the e2e tests still check that every line is a JSON object with a known type, and say
 * exactly how to get the full check.
 */
export const PROTOCOL_SCHEMA_PATH =
  process.env.AIRBYTE_PROTOCOL_SCHEMA ?? join(ROOT, "..", "shared", "reference", "airbyte_protocol.yaml");

const SCHEMA_DOWNLOAD =
  "https://raw.githubusercontent.com/airbytehq/airbyte-protocol/main/protocol-models/src/main/resources/airbyte_protocol/airbyte_protocol.yaml";

let validator: ValidateFunction | null | undefined;

function loadValidator(): ValidateFunction | null {
  if (validator !== undefined) return validator;
  if (!existsSync(PROTOCOL_SCHEMA_PATH)) {
    process.stderr.write(
      [
        "",
        `[protocol-schema] ${PROTOCOL_SCHEMA_PATH} not found: output lines are checked for JSON shape only,`,
        "NOT against the official Airbyte protocol schema. For the full check, download the schema and",
        "point AIRBYTE_PROTOCOL_SCHEMA at it:",
        `  curl -fsSL -o /tmp/airbyte_protocol.yaml ${SCHEMA_DOWNLOAD}`,
        "  AIRBYTE_PROTOCOL_SCHEMA=/tmp/airbyte_protocol.yaml npm test",
        "",
      ].join("\n"),
    );
    validator = null;
    return validator;
  }
  const document = parse(readFileSync(PROTOCOL_SCHEMA_PATH, "utf8")) as Record<string, unknown>;
  // The schema carries Java codegen hints (existingJavaType): not JSON Schema, so not strict.
  const ajv = new Ajv({ strict: false, allErrors: true });
  const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
  addFormats(ajv);
  ajv.addSchema(document, "airbyte_protocol");
  validator = ajv.compile({ $ref: "airbyte_protocol#/definitions/AirbyteMessage" });
  return validator;
}

export function hasOfficialSchema(): boolean {
  return loadValidator() !== null;
}

const KNOWN_TYPES = new Set([
  "RECORD",
  "STATE",
  "LOG",
  "SPEC",
  "CONNECTION_STATUS",
  "CATALOG",
  "DESTINATION_CATALOG",
  "TRACE",
  "CONTROL",
]);

/** Throws with the offending line number and ajv's errors when a line is not a valid AirbyteMessage. */
export function assertProtocolLines(lines: readonly string[]): void {
  const validate = loadValidator();
  lines.forEach((line, index) => {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      throw new Error(`stdout line ${index + 1} is not JSON: ${line.slice(0, 200)}`);
    }
    if (validate) {
      if (!validate(message)) {
        throw new Error(
          `stdout line ${index + 1} is not a valid AirbyteMessage: ${JSON.stringify(validate.errors)}\n${line.slice(0, 500)}`,
        );
      }
    } else {
      const type = (message as { type?: unknown }).type;
      if (typeof type !== "string" || !KNOWN_TYPES.has(type)) {
        throw new Error(`stdout line ${index + 1} has no known AirbyteMessage type: ${line.slice(0, 200)}`);
      }
    }
  });
}
