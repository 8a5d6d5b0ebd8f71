import { ConfigError } from "../../errors/index.js";

/** More records were rejected than max_rejected_records allows. */
export class TooManyRejectionsError extends ConfigError {
  constructor(limit: number) {
    super(`More than ${limit} records were rejected (max_rejected_records is ${limit})`, {
      code: "ERR_TOO_MANY_REJECTIONS",
      hint: "Read the WARN lines naming the rejected records, fix the data or the mapping, or raise max_rejected_records",
    });
  }
}
