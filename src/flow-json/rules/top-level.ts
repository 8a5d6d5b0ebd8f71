import { FlowJsonErrorCode as C, SCHEMA_ERROR_TYPE } from "../error-codes.js";
import type { Reporter } from "../reporter.js";
import type { FlowJsonValidationOptions } from "../validation-error.js";
import {
  DATA_API_VERSIONS,
  isKnownFlowJsonVersion,
  isNewerFlowJsonVersion,
  LATEST_FLOW_JSON_VERSION,
  PUBLISHABLE_FLOW_JSON_VERSIONS,
  RECOMMENDED_FLOW_JSON_VERSION,
  versionRank,
} from "../versions.js";

const DATA_CHANNEL_URI_REMOVED = versionRank("3.0");

/**
 * `version`: present, known, and publishable when the record asks to publish. Returns it when
 * usable. A version newer than this validator knows is usable: the rules of the latest known
 * version still run, a warning says so, and Meta's validation of the upload decides.
 */
export function checkVersion(
  doc: Record<string, unknown>,
  reporter: Reporter,
  options: FlowJsonValidationOptions,
): string | undefined {
  const version = doc.version;
  if (version === undefined) {
    reporter.report(
      C.MISSING_FLOW_JSON_VERSION,
      `Flow JSON version is not specified. Add "version": "${RECOMMENDED_FLOW_JSON_VERSION}".`,
      [],
    );
    return undefined;
  }
  if (typeof version === "string" && isNewerFlowJsonVersion(version)) {
    reporter.warn(
      C.NEWER_FLOW_JSON_VERSION,
      `Flow JSON version ${version} is newer than this connector's validator knows (up to ${LATEST_FLOW_JSON_VERSION}): only the checks that still apply ran locally, Meta's validation of the upload decides.`,
      ["version"],
    );
    return version;
  }
  if (typeof version !== "string" || !isKnownFlowJsonVersion(version)) {
    reporter.report(
      C.INVALID_FLOW_JSON_VERSION,
      `Flow JSON version ${JSON.stringify(version)} is not supported: use a version from Meta's changelog, e.g. "${RECOMMENDED_FLOW_JSON_VERSION}".`,
      ["version"],
    );
    return undefined;
  }
  if (options.requirePublishable === true && !PUBLISHABLE_FLOW_JSON_VERSIONS.has(version)) {
    reporter.report(
      C.UNSUPPORTED_FLOW_JSON_VERSION,
      `Flow JSON version ${version} can no longer be published: upgrade to version 5.1 or later (recommended ${RECOMMENDED_FLOW_JSON_VERSION}).`,
      ["version"],
    );
  }
  return version;
}

/** `data_api_version`, `data_channel_uri` and the `screens` array itself. */
export function checkTopLevel(
  doc: Record<string, unknown>,
  version: string | undefined,
  reporter: Reporter,
): void {
  const dataApi = doc.data_api_version;
  if (dataApi !== undefined && (typeof dataApi !== "string" || !DATA_API_VERSIONS.has(dataApi))) {
    reporter.report(
      C.INVALID_DATA_API_VERSION,
      `Data API version ${JSON.stringify(dataApi)} is not valid: use one of ${[...DATA_API_VERSIONS].join(", ")}.`,
      ["data_api_version"],
    );
  }
  if (doc.data_channel_uri !== undefined && versionRank(version) >= DATA_CHANNEL_URI_REMOVED) {
    reporter.report(
      C.INVALID_PROPERTY_KEY,
      "Property 'data_channel_uri' is no longer supported in Flow JSON as of version 3.0: set the endpoint with the Flow's endpoint_uri instead.",
      ["data_channel_uri"],
      SCHEMA_ERROR_TYPE,
    );
  }
  const screens = doc.screens;
  if (screens === undefined) {
    reporter.report(
      C.MISSING_REQUIRED_PROPERTY,
      "Required property 'screens' is missing.",
      [],
      SCHEMA_ERROR_TYPE,
    );
  } else if (!Array.isArray(screens)) {
    reporter.report(
      C.INVALID_PROPERTY_TYPE,
      "Expected property 'screens' to be of type 'array'.",
      ["screens"],
      SCHEMA_ERROR_TYPE,
    );
  } else if (screens.length === 0) {
    reporter.report(
      C.MIN_ITEMS_REQUIRED,
      "Property 'screens' should have at least 1 item.",
      ["screens"],
      SCHEMA_ERROR_TYPE,
    );
  } else if (screens.length > MAX_SCREENS) {
    reporter.report(
      C.MAX_SCREENS_NUMBER,
      `Maximum number of screens allowed per Flow is ${MAX_SCREENS} but found ${screens.length}.`,
      ["screens"],
    );
  }
}

const MAX_SCREENS = 100;
