import { ConnectorError } from "../../errors/index.js";

/** Which of the ledger's objects: what each is for decides what the user can do about it. */
export type LedgerObjectKind = "entries" | "job_start";

const WHAT_TO_DO: Readonly<Record<LedgerObjectKind, string>> = {
  entries:
    "The send ledger cannot tell what was sent while this object is unreadable, so no record was sent. Restore the object from an earlier version if the bucket keeps versions; otherwise delete it to go on without it (the records it recorded as sent or started may then be sent again)",
  job_start:
    "This object records when the job's first attempt started. Restore it from an earlier version, write {\"started_at\": <epoch milliseconds of the first attempt>} in it, or delete it (the job's attempts are then read only within ledger_window_hours)",
};

/**
 * An object of the send ledger cannot be read as the ledger writes it (cut short, not JSON Lines,
 * not text, empty). Going on as if it held nothing would turn the duplicate protection off without
 * a word, so the sync stops before any call, naming the object and what to do: a config_error,
 * since no retry can mend it.
 */
export class LedgerDamagedError extends ConnectorError {
  readonly key: string;

  constructor(bucket: string, key: string, kind: LedgerObjectKind, problem: string) {
    super(
      "ERR_LEDGER_DAMAGED",
      "config_error",
      `the send ledger's object s3://${bucket}/${key} is damaged: ${problem}`,
      {
        hint: WHAT_TO_DO[kind],
      },
    );
    this.key = key;
  }
}
