// Sizes of every section, read once from the environment. Default ~3-4 min on 2 cores;
// BENCH_QUICK=1 is a ~1 min smoke run (smaller sizes, shorter pacing windows, no 1M run).
const env = process.env;
const quick = env.BENCH_QUICK === "1";

function int(name, fallback) {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
  return value;
}

function list(name, fallback) {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  return raw.split(",").map((s) => s.trim());
}

const SECTIONS = ["throughput", "pacing", "memory", "startup", "cpu", "ledger", "crash", "campaign"];

/** BENCH_ONLY names sections; a misspelt one would silently measure nothing. */
function sections() {
  const wanted = list("BENCH_ONLY", SECTIONS);
  const unknown = wanted.filter((name) => !SECTIONS.includes(name));
  if (unknown.length > 0)
    throw new Error(`BENCH_ONLY: unknown section ${unknown.join(", ")} (known: ${SECTIONS.join(", ")})`);
  return wanted;
}

export const settings = {
  quick,
  sections: sections(),
  /** Records through `write` for throughput (and the small memory run). */
  records: int("BENCH_RECORDS", quick ? 20_000 : 100_000),
  /** Records of the large memory run (0 = skip it). */
  memoryRecords: int("BENCH_MEMORY_RECORDS", quick ? 100_000 : 1_000_000),
  concurrency: int("BENCH_CONCURRENCY", 16),
  /** Rounds of connector-vs-ceiling, interleaved (the best of each is kept). */
  rounds: int("BENCH_ROUNDS", quick ? 1 : 2),
  /** Configured pacing rates and how long each runs. */
  pacingRates: list("BENCH_PACING_RATES", ["80", "1000"]).map((raw) => {
    const rate = Number(raw);
    if (!(rate > 0)) throw new Error(`BENCH_PACING_RATES: ${raw} is not a positive rate`);
    return rate;
  }),
  pacingSeconds: int("BENCH_PACING_SECONDS", quick ? 5 : 12),
  startupRuns: int("BENCH_STARTUP_RUNS", quick ? 7 : 15),
  cpuRecords: int("BENCH_CPU_RECORDS", quick ? 2_000 : 10_000),
  /** Write a .cpuprofile of one throughput run and print its top self-time functions. */
  profile: env.BENCH_PROFILE === "1",
  /** Sample one throughput run's allocations and print the bytes a record by function. */
  allocationProfile: env.BENCH_PROFILE === "alloc" || env.BENCH_PROFILE === "promoted",
  /** With BENCH_PROFILE=promoted: only what outlived the young generation. */
  promotedOnly: env.BENCH_PROFILE === "promoted",
  rssPollMs: int("BENCH_RSS_POLL_MS", 50),
  /** Sends of the ledger section's unpaced runs, and of its run paced at 1,000/s. */
  ledgerRecords: int("BENCH_LEDGER_RECORDS", quick ? 5_000 : 20_000),
  ledgerPacedRecords: int("BENCH_LEDGER_PACED_RECORDS", quick ? 3_000 : 10_000),
  ledgerSenderRecords: int("BENCH_LEDGER_SENDER_RECORDS", quick ? 1_000 : 3_000),
  /** The crash section: kill -9 of a send sync with the ledger, at each pace. */
  crashRates: list("BENCH_CRASH_RATES", ["80", "1000"]).map((raw) => {
    const rate = Number(raw);
    if (!(rate > 0)) throw new Error(`BENCH_CRASH_RATES: ${raw} is not a positive rate`);
    return rate;
  }),
  crashRecords: int("BENCH_CRASH_RECORDS", 3_000),
  crashKills: int("BENCH_CRASH_KILLS", quick ? 5 : 30),
  /** Repeats a run's kill points (default: a new seed each run, printed). */
  crashSeed: env.BENCH_CRASH_SEED === undefined ? undefined : int("BENCH_CRASH_SEED", 0),
  /** send_flow_template records of the campaign run at `auto` on a HIGH number (1,000/s). */
  campaignRecords: int("BENCH_CAMPAIGN_RECORDS", quick ? 10_000 : 100_000),
};
