import { cannotParseToken, type GraphErrorSpec, invalidToken, missingPermission } from "./graph-errors.js";

/** The token of a request: the Bearer header, else Graph's `access_token` query parameter. */
export function requestToken(header: string | undefined, query: URLSearchParams): string | undefined {
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1] ?? "";
  }
  return query.get("access_token") ?? undefined;
}

/** 190 for a missing or wrong token, 200 for a token without the route's permission. */
export function authProblem(
  token: string | undefined,
  expected: string,
  permissions: ReadonlySet<string>,
  needed: string,
): GraphErrorSpec | undefined {
  if (token === expected) {
    return permissions.has(needed) ? undefined : missingPermission(needed);
  }
  // Real tokens are long opaque strings; anything empty or short cannot even be parsed.
  if (token === undefined || token.length < 8) return cannotParseToken();
  return invalidToken();
}
