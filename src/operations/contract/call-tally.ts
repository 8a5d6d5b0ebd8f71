/**
 * What one record cost in Graph calls. A call is one request an operation makes (create, status
 * read, lookup page, upload, …); a retry is the Graph client's retry policy sending that same call
 * again. Every call of a record adds to its one tally, so the stream lines, the summary, the
 * record's report and its webhook envelope all count the same thing.
 */
export class CallTally {
  calls = 0;
  retries = 0;

  /** Counts one call that took `attempts` tries (the client reports them per call). */
  add(attempts: number): void {
    this.calls++;
    this.retries += Math.max(0, attempts - 1);
  }
}
