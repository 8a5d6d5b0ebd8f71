import { ConfigError, type ConfigLevelCause } from "../../errors/index.js";

/**
 * A stream's first records (or, in a stream shorter than the rule reads, all of them) were all
 * rejected for one configuration-level cause: no record of it can succeed until the config or the
 * account changes, so the sync stops instead of rejecting the rest one by one and ending green.
 */
export class StreamCannotSucceedError extends ConfigError {
  readonly stream: string;
  readonly configCause: ConfigLevelCause;

  /** `whole`: the stream ended with these records, fewer than the rule reads. */
  constructor(stream: string, records: number, cause: ConfigLevelCause, whole = false) {
    const which = whole
      ? `all its ${records} record${records === 1 ? " was" : "s were"}`
      : `its first ${records} records were all`;
    super(
      `Stream "${stream}": ${which} rejected because ${cause.problem}. No record of this stream can succeed until that is fixed, so the sync stopped`,
      { code: "ERR_STREAM_CANNOT_SUCCEED", hint: cause.hint },
    );
    this.stream = stream;
    this.configCause = cause;
  }
}
