/**
 * Headers the connector owns: Authorization carries our token; the others frame the message or
 * the connection, so a user value would corrupt or smuggle requests; Content-Type follows
 * content_format (a multipart boundary cannot be guessed by the user).
 */
const RESERVED = new Map<string, string>([
  [
    "authorization",
    "the connector sets Authorization with the configured access token; it cannot be overridden",
  ],
  ["proxy-authorization", "credentials for proxies cannot be set per stream"],
  ["host", "the host comes from the URL"],
  ["content-length", "the length is computed from the body"],
  ["transfer-encoding", "message framing is managed by the HTTP client"],
  ["connection", "connection management is a hop-by-hop concern of the HTTP client"],
  ["keep-alive", "connection management is a hop-by-hop concern of the HTTP client"],
  ["proxy-connection", "connection management is a hop-by-hop concern of the HTTP client"],
  ["upgrade", "protocol upgrades are not supported"],
  ["te", "transfer codings are managed by the HTTP client"],
  ["trailer", "trailers are not supported"],
  ["expect", "the HTTP client does not support Expect"],
  ["content-type", "the content type follows content_format"],
]);

/** Why `name` (already trimmed) cannot be a user header, or undefined when it can. */
export function reservedHeaderReason(name: string): string | undefined {
  return RESERVED.get(name.toLowerCase());
}

/** RFC 7230 tchar: ALPHA, DIGIT and ! # $ % & ' * + - . ^ _ ` | ~ */
function isTokenChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    "!#$%&'*+-.^_`|~".includes(String.fromCharCode(code))
  );
}

/** Index of the first character that makes `name` not an RFC 7230 token, or -1 if it is one. */
export function invalidTokenIndex(name: string): number {
  if (name.length === 0) return 0;
  for (let i = 0; i < name.length; i++) {
    if (!isTokenChar(name.charCodeAt(i))) return i;
  }
  return -1;
}
