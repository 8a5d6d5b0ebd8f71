import { PlaceholderRecordError } from "./placeholder-record-error.js";

/** The record (or the connector config) has no value where a placeholder points. */
export class MissingPlaceholderFieldError extends PlaceholderRecordError {
  constructor(field: string, path: string) {
    const where = path.startsWith("config.") ? "The connector config has" : "The record has";
    super(
      "ERR_TEMPLATE_FIELD_MISSING",
      field,
      path,
      `${where} no value for {${path}}, which ${field} needs. Add the field or change the template`,
    );
  }
}
