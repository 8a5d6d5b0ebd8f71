import { ConnectorError } from "../../errors/index.js";

/**
 * An object of the suppression list cannot be read as it is written. Going on without it would
 * send again to people who opted out, so the sync stops before any call, naming the object: a
 * config_error, since no retry can mend it.
 */
export class SuppressionDamagedError extends ConnectorError {
  readonly key: string;

  constructor(bucket: string, key: string, problem: string) {
    super(
      "ERR_SUPPRESSION_DAMAGED",
      "config_error",
      `the suppression list's object s3://${bucket}/${key} is damaged: ${problem}`,
      {
        hint: "No record was sent, since the suppression list cannot tell who opted out while this object is unreadable. Restore the object from an earlier version if the bucket keeps versions; otherwise delete it to go on without it (the recipients it remembered may then be sent to again)",
      },
    );
    this.key = key;
  }
}
