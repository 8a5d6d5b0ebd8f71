import { nextTraceId } from "./trace-id.js";

/** The body Meta answers on every failed Graph call. */
export interface GraphErrorBody {
  message: string;
  type: string;
  code: number;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  is_transient?: boolean;
  error_data?: { messaging_product: "whatsapp"; details: string };
  fbtrace_id: string;
}

export interface GraphErrorSpec {
  readonly status: number;
  readonly message: string;
  readonly code: number;
  readonly type?: string;
  readonly subcode?: number;
  readonly userTitle?: string;
  readonly userMsg?: string;
  readonly isTransient?: boolean;
  readonly details?: string;
}

export function errorEnvelope(
  spec: GraphErrorSpec,
  traceId: string = nextTraceId(),
): { error: GraphErrorBody } {
  const error: GraphErrorBody = {
    message: spec.message,
    type: spec.type ?? "OAuthException",
    code: spec.code,
    fbtrace_id: traceId,
  };
  if (spec.subcode !== undefined) error.error_subcode = spec.subcode;
  if (spec.userTitle !== undefined) error.error_user_title = spec.userTitle;
  if (spec.userMsg !== undefined) error.error_user_msg = spec.userMsg;
  if (spec.isTransient !== undefined) error.is_transient = spec.isTransient;
  if (spec.details !== undefined) error.error_data = { messaging_product: "whatsapp", details: spec.details };
  return { error };
}

// Builders for the errors the emulator answers itself, worded as Meta words them.

export function missingParam(name: string): GraphErrorSpec {
  return { status: 400, code: 100, message: `(#100) The parameter ${name} is required` };
}

export function invalidParam(name: string, why: string): GraphErrorSpec {
  return { status: 400, code: 100, message: `(#100) Param ${name} ${why}` };
}

export function invalidParameter(details: string): GraphErrorSpec {
  return { status: 400, code: 100, message: "(#100) Invalid parameter", details };
}

export function invalidValue(details: string): GraphErrorSpec {
  return { status: 400, code: 131009, message: "(#131009) Parameter value is not valid", details };
}

export function unknownObject(method: string, id: string): GraphErrorSpec {
  return {
    status: 400,
    code: 100,
    subcode: 33,
    type: "GraphMethodException",
    message:
      `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to ` +
      "missing permissions, or does not support this operation. Please read the Graph API documentation at " +
      "https://developers.facebook.com/docs/graph-api",
  };
}

export function unknownPath(path: string): GraphErrorSpec {
  return { status: 400, code: 2500, message: `Unknown path components: ${path}` };
}

export function nonexistingField(field: string, nodeType: string): GraphErrorSpec {
  return {
    status: 400,
    code: 100,
    message: `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})`,
  };
}

export function malformedBody(what: string): GraphErrorSpec {
  return { status: 400, code: 100, message: `(#100) Invalid parameter: ${what}`, details: what };
}

export function bodyTooLarge(limit: number): GraphErrorSpec {
  return {
    status: 413,
    code: 100,
    message: `(#100) Request body exceeds the maximum size of ${limit} bytes`,
  };
}

export function cannotParseToken(): GraphErrorSpec {
  return { status: 401, code: 190, message: "Invalid OAuth access token - Cannot parse access token" };
}

export function invalidToken(): GraphErrorSpec {
  return {
    status: 401,
    code: 190,
    message: "Error validating access token: The access token could not be decrypted",
  };
}

export function missingPermission(permission: string): GraphErrorSpec {
  return {
    status: 403,
    code: 200,
    message: `(#200) Requires ${permission} permission to manage the object`,
  };
}

export function flowError(
  code: 139001 | 139002 | 139003 | 139004,
  title: string,
  msg: string,
): GraphErrorSpec {
  return {
    status: 400,
    code,
    type: "OAuthException",
    message: `(#${code}) ${title}`,
    userTitle: title,
    userMsg: msg,
  };
}

/**
 * Flows API refusals of Create Flow: code 100 with the generic "Invalid parameter" message; what
 * went wrong is only in the user title and message (Meta's Flows error-code table).
 */
export function flowsInvalidParameter(title: string, msg: string): GraphErrorSpec {
  return { status: 400, code: 100, message: "Invalid parameter", userTitle: title, userMsg: msg };
}
