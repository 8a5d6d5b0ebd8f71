/**
 * The Graph API error envelope, `{ error: { message, type, code, error_subcode, … } }`, read
 * defensively: Meta omits fields freely (subcodes are gone since v16) and proxies answer HTML.
 */
export interface GraphErrorEnvelope {
  readonly message: string | undefined;
  readonly type: string | undefined;
  readonly code: number | undefined;
  readonly subcode: number | undefined;
  readonly userTitle: string | undefined;
  readonly userMessage: string | undefined;
  readonly fbtraceId: string | undefined;
  readonly isTransient: boolean | undefined;
  readonly details: string | undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function int(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The envelope of a parsed response body, or undefined when it is not a Graph error. */
export function parseGraphErrorEnvelope(body: unknown): GraphErrorEnvelope | undefined {
  if (!isObject(body) || !isObject(body.error)) return undefined;
  const e = body.error;
  const data = isObject(e.error_data) ? e.error_data : undefined;
  return {
    message: str(e.message),
    type: str(e.type),
    code: int(e.code),
    subcode: int(e.error_subcode),
    userTitle: str(e.error_user_title),
    userMessage: str(e.error_user_msg),
    fbtraceId: str(e.fbtrace_id),
    isTransient: typeof e.is_transient === "boolean" ? e.is_transient : undefined,
    details: str(data?.details) ?? (typeof e.error_data === "string" ? str(e.error_data) : undefined),
  };
}
