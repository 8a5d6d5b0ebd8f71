import { ConnectorError, type ConnectorErrorOptions } from "./connector-error.js";

/**
 * Why a rejected record's request could not succeed whatever else the record held: the message
 * template or the Flow it names is missing or unusable. Every record naming the same one is
 * refused alike, so the write pipeline stops a stream whose first records all share one cause.
 */
export interface ConfigLevelCause {
  /** Equal exactly for the same problem of the same template or Flow. */
  readonly key: string;
  /** What is wrong, naming the template or Flow (never a record's value). */
  readonly problem: string;
  /** What the user must do. */
  readonly hint: string;
}

/**
 * A problem with one record, not with the sync: the record is rejected (reported, counted,
 * forwarded) and the sync goes on, unless on_record_error is "fail". Its failure_type applies only
 * when it does stop the sync: the user must fix the data or the mapping.
 *
 * The message names the field path, never the field's value (records hold personal data).
 */
export class RecordError extends ConnectorError {
  /** Dot path of the offending record field, when one is to blame. */
  readonly field: string | undefined;
  /** Set when no record naming the same template or Flow could have succeeded. */
  readonly configCause: ConfigLevelCause | undefined;

  constructor(
    message: string,
    options: ConnectorErrorOptions & {
      code?: string;
      field?: string;
      configCause?: ConfigLevelCause | undefined;
    } = {},
  ) {
    super(options.code ?? "ERR_RECORD_INVALID", "config_error", message, options);
    this.field = options.field;
    this.configCause = options.configCause;
  }
}
