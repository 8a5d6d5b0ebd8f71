import { PlaceholderRecordError } from "./placeholder-record-error.js";

/** A multipart or urlencoded body rendered to something other than a JSON object. */
export class BodyShapeError extends PlaceholderRecordError {
  constructor(field: string, contentFormat: string, actual: string) {
    super(
      "ERR_TEMPLATE_BODY_SHAPE",
      field,
      "",
      `${field} rendered to ${actual}, but content_format ${contentFormat} needs a JSON object whose top-level keys become the fields. Make the template (or the record) an object`,
    );
  }
}
