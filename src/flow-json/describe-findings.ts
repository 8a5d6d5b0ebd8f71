import type { FlowJsonValidationError } from "./validation-error.js";

/**
 * One line per finding for reports and the webhook: Meta's code, the JSON path, the position and
 * Meta-style message, so a user can fix every problem from one run (not only the first few).
 */
export function describeFinding(finding: FlowJsonValidationError): string {
  const path = finding.pointers[0]?.path;
  const at =
    finding.line_start === undefined
      ? ""
      : ` (line ${finding.line_start}${finding.column_start === undefined ? "" : `, column ${finding.column_start}`})`;
  return `${finding.error}${path === undefined ? "" : ` at ${path}`}${at}: ${finding.message}`;
}

/** All findings, numbered, in the order the validator (or Meta) reported them. */
export function describeFindings(findings: readonly FlowJsonValidationError[]): string {
  return findings.map((f, i) => `${i + 1}) ${describeFinding(f)}`).join("; ");
}

/**
 * Where line/column point. A string is validated and uploaded exactly as given; an object is
 * serialised once with JSON.stringify (one line), and that text is what positions refer to.
 */
export type FlowJsonTextOrigin = "as-given" | "serialised";

export function positionsNote(origin: FlowJsonTextOrigin, field: string): string {
  return origin === "as-given"
    ? `lines and columns refer to the text of field "${field}" as given`
    : `lines and columns refer to field "${field}" serialised as compact JSON (JSON.stringify of the object)`;
}
