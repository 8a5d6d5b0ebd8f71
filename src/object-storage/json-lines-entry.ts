/**
 * One line of a JSON Lines object the connector wrote, as an object whose `e` names its kind
 * (the send ledger's and the suppression list's entries); `damaged(reason)` is the error a line
 * that is not one becomes, its reason in words for the user (the caller names the object).
 */
export function jsonLinesEntry(
  line: string,
  lineNumber: number,
  what: string,
  damaged: (reason: string) => Error,
): Partial<Record<string, unknown>> & { readonly e: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw damaged(`line ${lineNumber} is not JSON: the object is not JSON Lines`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw damaged(`line ${lineNumber} is not a JSON object`);
  }
  const entry = value as Partial<Record<string, unknown>>;
  if (typeof entry.e !== "string") throw damaged(`line ${lineNumber} is not ${what}`);
  return entry as Partial<Record<string, unknown>> & { readonly e: string };
}
