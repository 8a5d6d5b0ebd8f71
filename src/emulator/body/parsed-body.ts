/** One file part of a multipart body. */
export interface FilePart {
  readonly filename: string;
  readonly contentType: string | undefined;
  readonly data: Buffer;
}

/**
 * The request's parameters whatever the encoding: urlencoded and multipart give strings, JSON
 * gives any JSON value; query-string parameters are merged under body ones.
 */
export interface ParsedBody {
  readonly kind: "json" | "urlencoded" | "multipart" | "none";
  readonly fields: Record<string, unknown>;
  readonly files: Map<string, FilePart>;
}
