import { ConfigError, type ConfigLevelCause } from "../../errors/index.js";

/**
 * A stream's first records were all rejected for one configuration-level cause: no record of it
 * can succeed until the config or the account changes, so the sync stops instead of rejecting
 * the rest of its records one by one and ending green.
 */
export class StreamCannotSucceedError extends ConfigError {
  readonly stream: string;
  readonly configCause: ConfigLevelCause;

  constructor(stream: string, records: number, cause: ConfigLevelCause) {
    super(
      `Stream "${stream}": its first ${records} records were all rejected because ${cause.problem}. No record of this stream can succeed until that is fixed, so the sync stopped`,
      { code: "ERR_STREAM_CANNOT_SUCCEED", hint: cause.hint },
    );
    this.stream = stream;
    this.configCause = cause;
  }
}
