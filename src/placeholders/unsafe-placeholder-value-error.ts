import { PlaceholderRecordError } from "./placeholder-record-error.js";

/**
 * A value exists but cannot be placed where its placeholder stands without changing the request's
 * structure: an empty, `.` or `..` URL path segment, a CR/LF/NUL in a header, text that is not
 * valid Unicode. `reason` is the fixed description of the rule, never the value.
 */
export class UnsafePlaceholderValueError extends PlaceholderRecordError {
  readonly reason: string;

  constructor(field: string, path: string, reason: string) {
    super(
      "ERR_TEMPLATE_VALUE_UNSAFE",
      field,
      path,
      `The value of {${path}} cannot be used in ${field}: ${reason}. Fix the record's value or change the template`,
    );
    this.reason = reason;
  }
}
