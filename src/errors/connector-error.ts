/**
 * The one error base of the connector. Every error we raise on purpose extends it, so that the
 * protocol layer can turn any of them into a TRACE without guessing: `code` is stable (tests and
 * users may match on it), `failureType` says what the platform and the user must do next, and the
 * message is written for the user (what went wrong and what to change).
 *
 * Messages must never carry secrets or record content: callers build them from names, paths and
 * codes only. The protocol writer still redacts configured secrets as a last line of defence.
 */
export type FailureType = "config_error" | "transient_error" | "system_error";

export interface ConnectorErrorOptions {
  /** What the user should do about it; appended to the message. */
  readonly hint?: string;
  /** Technical detail for the TRACE's internal_message (still no secrets). */
  readonly internal?: string;
  readonly cause?: unknown;
}

export class ConnectorError extends Error {
  readonly code: string;
  readonly failureType: FailureType;
  readonly hint: string | undefined;
  readonly internal: string | undefined;

  constructor(code: string, failureType: FailureType, message: string, options: ConnectorErrorOptions = {}) {
    super(options.hint ? `${message}. ${options.hint}` : message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.failureType = failureType;
    this.hint = options.hint;
    this.internal = options.internal;
  }
}

export type ConnectorErrorSubclassOptions = ConnectorErrorOptions & { readonly code?: string };
