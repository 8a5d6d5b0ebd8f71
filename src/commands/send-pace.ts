import { type Config, sendRateOf } from "../config/index.js";
import { GraphApiError, type GraphClient, NetworkError } from "../graph/index.js";
import { journaled, type Operation, pacedAsSend } from "../operations/index.js";
import { configuredSenders, readSenderFacts } from "./sender-facts.js";

/** Meta's send rate of each throughput level, in messages per second. */
export const LEVEL_RATES: Readonly<Record<string, number>> = { STANDARD: 80, HIGH: 1000 };
/** Meta's default throughput: the pace of `auto` where a number's level is not known. */
const AUTO_DEFAULT_RATE = LEVEL_RATES.STANDARD!;

/** The send pacing of one sync: a rate for every sender, and per-sender rates where known. */
export interface SendPace {
  readonly messagesPerSecond: number;
  readonly sendRates?: ReadonlyMap<string, number>;
}

/** The pace a config asks for before any lookup: its fixed rate, or `auto`'s default. */
export function configuredPace(config: Config): SendPace {
  const mps = sendRateOf(config.throughput.messages_per_second);
  return { messagesPerSecond: mps === "auto" ? AUTO_DEFAULT_RATE : mps };
}

/**
 * The rate the send ledger's journaled calls may go, when the pace bounds them all: every one a
 * paced send, at the fastest sender's rate. Undefined when pacing is off or another kind of call
 * (create_flow, advanced) is journaled: then the ledger learns the rate from the calls.
 */
export function journaledCallPace(pace: SendPace, operations: Iterable<Operation>): number | undefined {
  if (pace.messagesPerSecond <= 0) return undefined;
  for (const operation of operations) {
    if (journaled(operation.effects) && !pacedAsSend(operation.effects)) return undefined;
  }
  return Math.max(pace.messagesPerSecond, ...(pace.sendRates?.values() ?? []));
}

function why(error: unknown): string {
  if (error instanceof GraphApiError) return `Graph error ${error.graphCode ?? `HTTP ${error.status}`}`;
  if (error instanceof NetworkError) return "the Graph API could not be reached";
  return (error as Error).message;
}

/**
 * Resolves `messages_per_second: auto`: each configured sender's throughput level, read once at
 * the start of a sync, sets its rate. A sender whose level cannot be read, and senders that only
 * records name, go at Meta's default; a 130429 answer still slows any of them down.
 * `notes` says what was chosen, for the sync's log.
 */
export async function resolveSendPace(
  config: Config,
  client: () => GraphClient,
  signal: AbortSignal,
): Promise<{ pace: SendPace; notes: string[] }> {
  const fixed = configuredPace(config);
  const senders = configuredSenders(config);
  if (config.throughput.messages_per_second !== "auto" || senders.length === 0)
    return { pace: fixed, notes: [] };
  const lookup = client();
  try {
    const results = await Promise.allSettled(senders.map((id) => readSenderFacts(lookup, id, signal)));
    const sendRates = new Map<string, number>();
    const notes = results.map((r, i) => {
      const id = senders[i]!;
      if (r.status === "rejected") {
        return `messages_per_second auto: the throughput level of ${id} could not be read (${why(r.reason)}); pacing its sends at ${AUTO_DEFAULT_RATE}/s`;
      }
      const level = r.value.throughputLevel;
      const rate = (level !== undefined ? LEVEL_RATES[level] : undefined) ?? AUTO_DEFAULT_RATE;
      sendRates.set(id, rate);
      return `messages_per_second auto: ${id} has throughput level ${level ?? "unknown"}; pacing its sends at ${rate}/s`;
    });
    return { pace: { ...fixed, sendRates }, notes };
  } finally {
    await lookup.close();
  }
}
