/**
 * Flow JSON versions, from Meta's changelog ("Currently Supported Versions", checked against the
 * November 2025 release notes): every listed version can still be sent, only 5.1 and later can be
 * published. A version missing here is unknown to Meta (INVALID_FLOW_JSON_VERSION).
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

export function isKnownFlowJsonVersion(version: string): boolean {
  return KNOWN.has(version);
}

/** Numeric value of "major.minor" for feature gates (e.g. 7.0 → 700); unknown versions act as latest. */
export function versionRank(version: string | undefined): number {
  if (version === undefined || !KNOWN.has(version)) return Number.POSITIVE_INFINITY;
  const [major = "0", minor = "0"] = version.split(".");
  return Number(major) * 100 + Number(minor);
}
