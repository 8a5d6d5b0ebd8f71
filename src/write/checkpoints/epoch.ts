/**
 * The records of one checkpoint scope between two of its states. Counters only: a sync of
 * millions of records keeps one small object per state, never a list of records.
 */
export class Epoch {
  /** Records of the scope that arrived in this epoch. */
  total = 0;
  /** Of those, records not settled yet. */
  pending = 0;
  /** Of those, records rejected (and reported). */
  rejected = 0;

  add(): void {
    this.total++;
    this.pending++;
  }

  settle(rejected: boolean): void {
    this.pending--;
    if (rejected) this.rejected++;
  }
}
