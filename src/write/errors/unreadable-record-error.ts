import { RecordError } from "../../errors/index.js";

/**
 * A line that could not be taken as a record (over the size or depth limit, not UTF-8; see
 * UnreadableRecordMessage): rejected on its stream before any call, and the sync goes on.
 */
export class UnreadableRecordError extends RecordError {
  constructor(stream: string, recordIndex: number, problem: string) {
    super(`stream "${stream}" record ${recordIndex}: the input line ${problem}`, {
      code: "ERR_RECORD_UNREADABLE",
      hint: "Fix the record in the source: each record must be UTF-8 and within the size and depth limits",
    });
  }
}
