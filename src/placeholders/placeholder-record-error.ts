import { RecordError } from "../errors/index.js";

/**
 * Base of the errors placeholders raise while rendering one record. They reject that record only
 * (the write pipeline reports, counts and forwards it, then goes on; under `on_record_error: fail`
 * it wraps the rejection in its own fatal error).
 *
 * A RecordError, the one record-level error class the pipeline knows: it rejects the record
 * rather than stopping the sync. The message names the config field and the dot path, never the
 * record's values.
 */
export abstract class PlaceholderRecordError extends RecordError {
  /** The config field whose placeholders failed, e.g. `streams[2].endpoint.url`. */
  readonly configField: string;
  /** The placeholder's dot path, e.g. `message.flow.id` (empty when the whole body is at fault). */
  readonly path: string;
  readonly disposition = "reject_record" as const;

  constructor(code: string, field: string, path: string, message: string) {
    super(message, { code, field: path.startsWith("message.") ? path.slice("message.".length) : path });
    this.configField = field;
    this.path = path;
  }
}
