import type { GraphApiError } from "./errors/graph-api-error.js";

/**
 * The two "config" failures users fix differently: a token that no longer works at all (renew
 * it) and a working token missing a permission (grant it). One reading for every caller, so
 * `check` and a sync name the same problem the same way.
 */
export type AccessProblem = "token" | "permission";

export function accessProblemOf(error: GraphApiError): AccessProblem | undefined {
  const code = error.graphCode;
  if (code === 190 || code === 0 || (code === undefined && error.status === 401)) return "token";
  if (code === 10 || code === 3 || code === 131005 || (code !== undefined && code >= 200 && code <= 299)) {
    return "permission";
  }
  return undefined;
}
