import { ConnectorError, type ConnectorErrorOptions } from "./connector-error.js";

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

  constructor(message: string, options: ConnectorErrorOptions & { code?: string; field?: string } = {}) {
    super(options.code ?? "ERR_RECORD_INVALID", "config_error", message, options);
    this.field = options.field;
  }
}
