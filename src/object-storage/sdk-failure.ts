/** What an AWS SDK error says, in the terms of an ObjectStorageFailure. */
export interface SdkFailure {
  readonly s3Code: string;
  readonly status: number | undefined;
  readonly detail: string | undefined;
  readonly requestId: string | undefined;
}

interface SdkErrorShape {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown; readonly requestId?: unknown };
}

/** Service codes the SDK gives an answer it could not read a code from. */
const NO_CODE = new Set(["Unknown", "UnknownError", "Error", ""]);

/**
 * Reads an error the SDK threw: a service's answer (S3, STS) by its code, HTTP status and message;
 * a missing credential by the provider error's name; anything else by its network code
 * (ECONNREFUSED, ETIMEDOUT…). Only the service's message is kept, never the error object: an SDK
 * error can hold the request's details, and anything shaped like an access key ID is masked.
 */
export function describeSdkError(error: unknown): SdkFailure {
  const e = (typeof error === "object" && error !== null ? error : {}) as SdkErrorShape;
  const name = typeof e.name === "string" ? e.name : "";
  const message = typeof e.message === "string" ? e.message : undefined;
  const status = typeof e.$metadata?.httpStatusCode === "number" ? e.$metadata.httpStatusCode : undefined;
  const requestId = typeof e.$metadata?.requestId === "string" ? e.$metadata.requestId : undefined;
  if (e.$fault === "client" || e.$fault === "server") {
    const s3Code = NO_CODE.has(name) ? `HTTP${status ?? ""}` : name;
    const detail = message === undefined || message === name || NO_CODE.has(message) ? undefined : message;
    return { s3Code, status, detail: detail && maskKeyIds(detail), requestId };
  }
  if (name === "CredentialsProviderError") {
    return { s3Code: name, status: undefined, detail: message && maskKeyIds(message), requestId };
  }
  const code = networkCode(error);
  if (code !== undefined) return { s3Code: code, status: undefined, detail: undefined, requestId };
  if (name === "TimeoutError" || name === "AbortError") {
    return {
      s3Code: "TimeoutError",
      status: undefined,
      detail: "no answer within throughput.request_timeout_seconds",
      requestId,
    };
  }
  return { s3Code: "NetworkError", status: undefined, detail: undefined, requestId };
}

/** Access key IDs (AKIA… for users, ASIA… for sessions) are credentials too: never in a message. */
export function maskKeyIds(text: string): string {
  return text.replace(/\b(?:AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,}\b/g, "[access key id]");
}

/** ECONNREFUSED, ENOTFOUND…: what a user can search for. */
function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^E[A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
