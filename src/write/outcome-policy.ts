import type { ConnectorError } from "../errors/index.js";
import { RecordRejectedError } from "./errors/record-rejected-error.js";
import { TooManyRejectionsError } from "./errors/too-many-rejections-error.js";

export interface OutcomePolicySettings {
  readonly onRecordError: "reject" | "fail";
  /** Undefined: no limit. */
  readonly maxRejectedRecords: number | undefined;
}

/**
 * Whether a rejection is just counted or stops the sync. A rejection that stops the sync leaves
 * its record unsettled, so no state after it is echoed: the next sync sees the record again.
 */
export class OutcomePolicy {
  private rejectedCount = 0;

  constructor(private readonly settings: OutcomePolicySettings) {}

  /** Counts one rejection; returns the fatal error when it must stop the sync, else undefined. */
  onRejected(stream: string, recordIndex: number, error: ConnectorError): ConnectorError | undefined {
    this.rejectedCount++;
    if (this.settings.onRecordError === "fail")
      return new RecordRejectedError(stream, recordIndex, error.message);
    const limit = this.settings.maxRejectedRecords;
    if (limit !== undefined && this.rejectedCount > limit) return new TooManyRejectionsError(limit);
    return undefined;
  }
}
