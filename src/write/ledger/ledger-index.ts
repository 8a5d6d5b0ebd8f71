import { ConfigError } from "../../errors/index.js";
import { IdentityTable } from "./identity-table.js";
import type { LedgerEntry, LedgerOutcomeKind } from "./ledger-entry.js";
import { StoredIds } from "./stored-ids.js";

export interface KnownCall {
  /** When the first try of this identity started (epoch ms). */
  readonly firstTry: number;
  /** The last outcome recorded, if any. */
  readonly outcome: LedgerOutcomeKind | undefined;
  /** What the success returned; kept for successes only (the one outcome that is read back). */
  readonly wamid: string | undefined;
  readonly flowId: string | undefined;
}

/** Past this many identities the window is too wide for memory: the user narrows it. */
export const MAX_LEDGER_ENTRIES = 1_000_000;

/** Outcomes as a byte an identity; IN_FLIGHT is "an intent and no outcome after it". */
const IN_FLIGHT = 0;
const OUTCOMES: ReadonlyArray<LedgerOutcomeKind | undefined> = [
  undefined,
  "succeeded",
  "rejected",
  "ambiguous",
  "not_called",
];
const SUCCEEDED = OUTCOMES.indexOf("succeeded");
const AMBIGUOUS = OUTCOMES.indexOf("ambiguous");
const NOT_CALLED = OUTCOMES.indexOf("not_called");
const NO_IDS = -1;

/**
 * What earlier attempts did, by identity: loaded once at start, in bounded memory (a few dozen
 * bytes an identity in typed arrays, plus the ids successes returned). Entries must be added in the
 * order they were written (objects in key order, lines in file order): the last word about an
 * identity wins, except that a success is final. The current attempt's own entries are not added:
 * within one attempt the pipeline's own bookkeeping already decides, and the index stays the size
 * of the past.
 */
export class LedgerIndex {
  private readonly identities = new IdentityTable();
  /** By identity number (IdentityTable's): the first try, the outcome's code, the returned ids' place. */
  private firstTries = new Float64Array(0);
  private outcomes = new Uint8Array(0);
  private idPlaces = new Float64Array(0);
  private readonly returnedIds = new StoredIds();

  constructor(private readonly limit = MAX_LEDGER_ENTRIES) {}

  get size(): number {
    return this.identities.size;
  }

  get(id: string): KnownCall | undefined {
    const call = this.identities.find(id);
    if (call < 0) return undefined;
    const place = this.idPlaces[call]!;
    const ids = place === NO_IDS ? undefined : this.returnedIds.get(place);
    return {
      firstTry: this.firstTries[call]!,
      outcome: OUTCOMES[this.outcomes[call]!],
      wamid: ids?.wamid,
      flowId: ids?.flowId,
    };
  }

  add(entry: LedgerEntry): void {
    let call = this.identities.find(entry.id);
    if (call < 0) {
      if (this.identities.size >= this.limit) {
        throw new ConfigError(`the send ledger holds more than ${this.limit} calls in its window`, {
          code: "ERR_LEDGER_TOO_LARGE",
          hint: "Lower object_storage_config.ledger_window_hours",
        });
      }
      call = this.identities.insert(entry.id);
      if (call >= this.outcomes.length) this.grow();
      this.firstTries[call] = entry.at;
      this.outcomes[call] = IN_FLIGHT;
      this.idPlaces[call] = NO_IDS;
    }
    const outcome = this.outcomes[call]!;
    if (entry.e === "intent") {
      if (entry.at < this.firstTries[call]!) this.firstTries[call] = entry.at;
      // A new try after a rejection or a stop before the call: in flight again until its outcome.
      if (outcome !== SUCCEEDED && outcome !== AMBIGUOUS) this.outcomes[call] = IN_FLIGHT;
      return;
    }
    // A success is final: a later attempt that found it only reads it, never overwrites it.
    if (outcome === SUCCEEDED) return;
    // "not_called" (stopped before the call) says nothing was sent: the identity is as if unknown.
    // A kind this version does not know (a later version's) blocks nothing: the call is made again.
    const code = OUTCOMES.indexOf(entry.kind);
    this.outcomes[call] = code > IN_FLIGHT ? code : NOT_CALLED;
    if (code === SUCCEEDED) {
      // Read from an object: a field of another type is as good as absent.
      const wamid = typeof entry.wamid === "string" ? entry.wamid : undefined;
      const flowId = typeof entry.flow_id === "string" ? entry.flow_id : undefined;
      if (wamid !== undefined || flowId !== undefined)
        this.idPlaces[call] = this.returnedIds.put({ wamid, flowId });
    }
  }

  /** Doubles the arrays by identity (up to the limit: the last growth holds no more than it may). */
  private grow(): void {
    const length = Math.min(Math.max(1_024, this.outcomes.length * 2), Math.max(this.limit, 1));
    const firstTries = new Float64Array(length);
    firstTries.set(this.firstTries);
    this.firstTries = firstTries;
    const outcomes = new Uint8Array(length);
    outcomes.set(this.outcomes);
    this.outcomes = outcomes;
    const idPlaces = new Float64Array(length);
    idPlaces.set(this.idPlaces);
    this.idPlaces = idPlaces;
  }
}
