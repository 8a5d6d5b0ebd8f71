import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";
import { ROOT } from "./cli.js";

/**
 * The official Airbyte protocol schema is read from AIRBYTE_PROTOCOL_SCHEMA, else from beside the
 * checkout (../shared/reference, where this project's CI puts it), never copied into the project.
 * In CI (CI=true) it must be there: every e2e line is validated against it, and its absence fails
 * the run. Elsewhere the e2e tests may fall back to checking that every line is a JSON object with
 * a known type; the run then says so once (protocol-schema-notice.ts, the e2e project's global
 * setup), never per test.
 */
export const PROTOCOL_SCHEMA_PATH =
  process.env.AIRBYTE_PROTOCOL_SCHEMA ?? join(ROOT, "..", "shared", "reference", "airbyte_protocol.yaml");

const SCHEMA_DOWNLOAD =
  "https://raw.githubusercontent.com/airbytehq/airbyte-protocol/main/protocol-models/src/main/resources/airbyte_protocol/airbyte_protocol.yaml";

/** Whether this run is CI's, where the official schema is required (CI=true, as CI services set it). */
export const IN_CI = ["true", "1"].includes((process.env.CI ?? "").toLowerCase());

/** Why the official check cannot run, and how to get it. */
export function missingSchemaMessage(path: string, ci: boolean): string {
  return [
    ci
      ? `[protocol-schema] ${path} not found. CI (CI=true) validates every e2e output line against the official Airbyte protocol schema and fails without it. Put the schema there, or point AIRBYTE_PROTOCOL_SCHEMA at it:`
      : `[protocol-schema] ${path} not found: the e2e tests check output lines for JSON shape only, NOT against the official Airbyte protocol schema (CI requires it). For the full check, download it and point AIRBYTE_PROTOCOL_SCHEMA at it:`,
    `  curl -fsSL -o /tmp/airbyte_protocol.yaml ${SCHEMA_DOWNLOAD}`,
    "  AIRBYTE_PROTOCOL_SCHEMA=/tmp/airbyte_protocol.yaml npm test",
  ].join("\n");
}

/**
 * The AirbyteMessage validator of the schema at `path`; null when it is absent outside CI (the
 * shape-only fallback). Absent in CI, it throws: a check that claims the official schema either
 * runs it or fails.
 */
export function protocolValidator(path: string, ci: boolean): ValidateFunction | null {
  if (!existsSync(path)) {
    if (ci) throw new Error(missingSchemaMessage(path, ci));
    return null;
  }
  const document = parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  // The schema carries Java codegen hints (existingJavaType): not JSON Schema, so not strict.
  const ajv = new Ajv({ strict: false, allErrors: true });
  const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
  addFormats(ajv);
  ajv.addSchema(document, "airbyte_protocol");
  return ajv.compile({ $ref: "airbyte_protocol#/definitions/AirbyteMessage" });
}

let validator: ValidateFunction | null | undefined;

function loadValidator(): ValidateFunction | null {
  if (validator === undefined) validator = protocolValidator(PROTOCOL_SCHEMA_PATH, IN_CI);
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
