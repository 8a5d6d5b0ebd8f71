import { GraphApiError } from "../../graph/index.js";

/** Meta's "object does not exist" answers: code 100 subcode 33 (older) or bare 33. */
export function isMissingObject(error: unknown): boolean {
  return (
    error instanceof GraphApiError &&
    ((error.graphCode === 100 && error.subcode === 33) || error.graphCode === 33)
  );
}
