/**
 * Flow JSON versions, from Meta's changelog ("Currently Supported Versions", checked against the
 * November 2025 release notes): every listed version can still be sent, only 5.1 and later can be
 * published. Meta ships minor versions every few months, so a well-formed version newer than the
 * last one here is not refused locally: Meta's own validation of the upload decides (see
 * isNewerFlowJsonVersion). Any other version missing here is unknown (INVALID_FLOW_JSON_VERSION).
 */
const FLOW_JSON_VERSIONS = [
  "2.1",
  "3.0",
  "3.1",
  "4.0",
  "5.0",
  "5.1",
  "6.0",
  "6.1",
  "6.2",
  "6.3",
  "7.0",
  "7.1",
  "7.2",
  "7.3",
] as const;

export const PUBLISHABLE_FLOW_JSON_VERSIONS: ReadonlySet<string> = new Set([
  "5.1",
  "6.0",
  "6.1",
  "6.2",
  "6.3",
  "7.0",
  "7.1",
  "7.2",
  "7.3",
]);

export const RECOMMENDED_FLOW_JSON_VERSION = "7.3";

/** Data API versions Meta lists as supported (publishing and sending). */
export const DATA_API_VERSIONS: ReadonlySet<string> = new Set(["3.0", "4.0"]);

const KNOWN: ReadonlySet<string> = new Set(FLOW_JSON_VERSIONS);

/** The newest version this validator knows; its rules are the ones a newer version is held to. */
export const LATEST_FLOW_JSON_VERSION: string = FLOW_JSON_VERSIONS[FLOW_JSON_VERSIONS.length - 1]!;

export function isKnownFlowJsonVersion(version: string): boolean {
  return KNOWN.has(version);
}

/** Meta's version format, `{major}.{minor}` without leading zeros (Flows "Versioning" guide). */
const VERSION_FORMAT = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;

/**
 * A version of Meta's format, later than every version listed here ("7.4", "8.0"): Meta may have
 * shipped it since. A gap in the list ("6.4") or a malformed one ("7.03") is not newer.
 */
export function isNewerFlowJsonVersion(version: string): boolean {
  return VERSION_FORMAT.test(version) && numericRank(version) > numericRank(LATEST_FLOW_JSON_VERSION);
}

function numericRank(version: string): number {
  const [major = "0", minor = "0"] = version.split(".");
  return Number(major) * 1000 + Number(minor);
}

/**
 * Comparable value of a version for feature gates: `versionRank(v) >= versionRank("7.0")`.
 * A newer version ranks after every known one, so it is held to the latest rules; any other
 * unknown version ranks as the latest too (it is refused anyway).
 */
export function versionRank(version: string | undefined): number {
  if (version === undefined) return Number.POSITIVE_INFINITY;
  if (KNOWN.has(version) || isNewerFlowJsonVersion(version)) return numericRank(version);
  return Number.POSITIVE_INFINITY;
}
