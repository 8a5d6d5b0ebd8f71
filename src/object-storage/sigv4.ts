import { createHash, createHmac } from "node:crypto";

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SignInput {
  readonly method: string;
  /** Host header value (host, or host:port when the port is not the scheme's default). */
  readonly host: string;
  /** The path exactly as sent, already URI-encoded. */
  readonly path: string;
  /** Query parameters, not yet encoded. */
  readonly query?: ReadonlyArray<readonly [string, string]>;
  /** Extra headers to sign (lower-case names). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Hex SHA-256 of the body ("e3b0…" for none). */
  readonly payloadHash: string;
  readonly region: string;
  readonly service: string;
  readonly now: Date;
}

export const EMPTY_PAYLOAD_HASH = sha256Hex("");

/**
 * AWS Signature Version 4 for one request, header-based. Returns the headers to send (the signed
 * ones plus Authorization). Written against AWS's published algorithm and checked in the unit
 * tests against AWS's own worked examples, so the key never leaves this process in any form but
 * the HMAC chain.
 */
export function signRequest(input: SignInput, credentials: AwsCredentials): Record<string, string> {
  const amzDate = input.now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    host: input.host,
    "x-amz-content-sha256": input.payloadHash,
    "x-amz-date": amzDate,
  };
  if (credentials.sessionToken !== undefined) headers["x-amz-security-token"] = credentials.sessionToken;
  for (const [name, value] of Object.entries(input.headers ?? {})) headers[name.toLowerCase()] = value;
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((name) => `${name}:${headers[name]!.trim().replace(/\s+/g, " ")}\n`);
  const signedHeaders = names.join(";");
  const canonicalRequest = [
    input.method,
    input.path,
    canonicalQuery(input.query ?? []),
    canonicalHeaders.join(""),
    signedHeaders,
    input.payloadHash,
  ].join("\n");
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  let key = hmac(`AWS4${credentials.secretAccessKey}`, day);
  for (const part of [input.region, input.service, "aws4_request"]) key = hmac(key, part);
  const signature = createHmac("sha256", key).update(stringToSign, "utf8").digest("hex");
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}

/** RFC 3986 encoding as SigV4 wants it (`encodeURIComponent` leaves !'()* alone). */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** An object key as a path: every segment encoded, the slashes kept. */
export function encodeKeyPath(key: string): string {
  return key.split("/").map(uriEncode).join("/");
}

export function canonicalQuery(query: ReadonlyArray<readonly [string, string]>): string {
  return query
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}
