import { ConfigError } from "../../errors/index.js";

/** on_record_error is "fail": the first rejected record stops the sync. */
export class RecordRejectedError extends ConfigError {
  constructor(stream: string, recordIndex: number, reason: string) {
    super(`Stream "${stream}" record ${recordIndex} was rejected and on_record_error is "fail": ${reason}`, {
      code: "ERR_RECORD_REJECTED",
      hint: 'Fix the record or the stream\'s mapping, or set on_record_error to "reject" to skip bad records',
    });
  }
}
