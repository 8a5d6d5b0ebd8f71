// The figures of a run, one entry each, in the stable shape bench/results.json documents:
// { name, measured, unit, target, ok, detail }. `name` is a stable id; `target` is
// { min?, max? } (inclusive) or null when the figure has none; `ok` is null then, or when the
// figure was not measured (`measured` null). `detail` is free text for people.
import { mb } from "./stats.mjs";

/** The targets, one place. */
export const TARGETS = {
  cpuPerRecordRatio: { max: 1.6 },
  achievedPercent: { min: 99, max: 100 },
  peakRssMb: { max: 120 },
  memoryRatio: { max: 1.05 },
  /** Per command, over `node -e 0`, on the image's Node. */
  startupRatio: { spec: { max: 1.5 }, discover: { max: 2.5 } },
  /** A campaign takes the time its number's level allows, within 2 %. */
  campaignTimeRatio: { min: 0.98, max: 1.02 },
  /** What object storage and the send ledger may cost. */
  ledgerCpuPerSendRatio: { max: 1.3 },
  /** The ledger writes at most every 50 ms: ~20 PUTs/s, ~20 per 1,000 sends at 1,000/s. */
  ledgerPutsPer1000Sends: { max: 25 },
  ledgerPutsPerSecond: { max: 20 },
  /** What a kill -9 may leave ambiguous, per pace. */
  crashAmbiguousPerKill: { 80: { max: 20 }, 1000: { max: 150 } },
  crashNeverSentShare: { 80: { max: 25 } },
  crashSentTwice: { max: 0 },
};

function figure(name, measured, unit, target, detail) {
  const known = typeof measured === "number" && Number.isFinite(measured);
  const ok =
    target === null || !known
      ? null
      : (target.min === undefined || measured >= target.min) &&
        (target.max === undefined || measured <= target.max);
  return { name, measured: known ? measured : null, unit, target, ok, detail };
}

const n0 = (v) => v.toFixed(0);

function throughputFigures(t) {
  const c = t.connector;
  const b = t.ceiling;
  return [
    figure(
      "throughput.ratio",
      t.ratio,
      "x",
      // Information, not a target (issue 20): on a 2-core machine it measures the emulator sharing
      // the cores with the connector; CPU per record is the connector's own figure.
      null,
      `${n0(c.rate)}/s vs bare client ${n0(b.rate)}/s, ${t.records} records, ${t.concurrency} in flight`,
    ),
    figure(
      "throughput.steady_ratio",
      t.spanRatio,
      "x",
      null,
      `journal span: ${n0(c.spanRate)}/s vs ${n0(b.spanRate)}/s`,
    ),
    figure(
      "throughput.cpu_per_record_ratio",
      c.cpuUsPerRecord / b.cpuUsPerRecord,
      "x",
      TARGETS.cpuPerRecordRatio,
      `user+sys ${n0(c.cpuUsPerRecord)} µs vs ${n0(b.cpuUsPerRecord)} µs per record`,
    ),
  ];
}

function pacingFigures(p) {
  const limit = { max: p.configured };
  const at = (w) => `window at +${w.at} ms`;
  return [
    figure(
      `pacing.${p.configured}.achieved`,
      p.accuracy * 100,
      "%",
      TARGETS.achievedPercent,
      `${p.achieved.toFixed(2)}/s of ${p.configured}/s, ${p.records} sends`,
    ),
    figure(
      `pacing.${p.configured}.busiest_sliding_first_second`,
      p.firstSecond.count,
      "sends",
      limit,
      at(p.firstSecond),
    ),
    figure(
      `pacing.${p.configured}.busiest_sliding_after_first_second`,
      p.afterFirstSecond.count,
      "sends",
      limit,
      at(p.afterFirstSecond),
    ),
    figure(`pacing.${p.configured}.busiest_aligned`, p.aligned, "sends", limit, "wall-clock seconds"),
  ];
}

function memoryFigures(m) {
  const out = [
    figure(
      "memory.small.peak_rss",
      mb(m.small.peakHwm),
      "MB",
      TARGETS.peakRssMb,
      `${m.small.records} records`,
    ),
  ];
  if (m.large) {
    out.push(
      figure(
        "memory.large.peak_rss",
        mb(m.large.peakHwm),
        "MB",
        TARGETS.peakRssMb,
        `${m.large.records} records, ${n0(m.large.rate)}/s`,
      ),
    );
    out.push(
      figure(
        "memory.ratio",
        m.ratio,
        "x",
        TARGETS.memoryRatio,
        `${m.large.records} vs ${m.small.records} records`,
      ),
    );
  }
  return out;
}

function startupFigures(s) {
  const floor =
    s.httpClientFloor === undefined
      ? []
      : [
          figure(
            "startup.http_client_floor.ratio",
            s.httpClientFloor.ratio,
            "x",
            null,
            `${n0(s.httpClientFloor.ms)} ms: undici's public entry bundled as the CLI is, making discover's one call (no target: what discover cannot go below while it calls through undici)`,
          ),
        ];
  return [...floor, ...commandStartupFigures(s)];
}

function commandStartupFigures(s) {
  return Object.entries(s.commands).flatMap(([name, c]) => {
    const target = TARGETS.startupRatio[name] ?? null;
    if (!c.measured) return [figure(`startup.${name}.ratio`, null, "x", target, `not measured: ${c.reason}`)];
    const ratio = figure(
      `startup.${name}.ratio`,
      c.ratio,
      "x",
      target,
      `${n0(c.ms)} ms vs node -e 0 ${n0(s.nodeMs)} ms, medians of ${s.runs}, compile cache empty`,
    );
    if (c.warmCacheRatio === undefined) return [ratio];
    const warm = figure(
      `startup.${name}.warm_cache_ratio`,
      c.warmCacheRatio,
      "x",
      null,
      `${n0(c.warmCacheMs)} ms with the compile cache of earlier runs (no target: a fresh container's is empty)`,
    );
    return [ratio, warm];
  });
}

function cpuFigures(cpu) {
  return Object.entries(cpu.templates).map(([name, c]) =>
    figure(
      `cpu.plan.${name}`,
      c.cpuSecondsPer10k * 1000,
      "ms per 10k",
      null,
      "no target: watch for regressions",
    ),
  );
}

function ledgerFigures(l) {
  const p = l.paced;
  const rate = l.pacedRate;
  return [
    figure(
      `ledger.paced_${rate}.achieved`,
      p.pacing.accuracy * 100,
      "%",
      TARGETS.achievedPercent,
      `${p.pacing.achieved.toFixed(2)}/s of ${rate}/s with object storage and the ledger, ${p.records} sends`,
    ),
    figure(
      `ledger.senders_${l.senders.count}x${l.senders.rate}.achieved`,
      l.senders.pacing.accuracy * 100,
      "%",
      TARGETS.achievedPercent,
      `${l.senders.pacing.achieved.toFixed(2)}/s of ${l.senders.count} × ${l.senders.rate}/s with the ledger, ${l.senders.records} sends naming their sender`,
    ),
    figure(
      "ledger.puts_per_1000_sends",
      p.putsPer1000Sends,
      "PUTs",
      TARGETS.ledgerPutsPer1000Sends,
      `${p.puts} PUTs for ${p.records} sends at ${rate}/s; pacing off: ${l.with.putsPer1000Sends.toFixed(2)}`,
    ),
    figure(
      "ledger.cpu_per_send_ratio",
      l.with.cpuUsPerSend / l.without.cpuUsPerSend,
      "x",
      TARGETS.ledgerCpuPerSendRatio,
      `user+sys ${n0(l.with.cpuUsPerSend)} µs with vs ${n0(l.without.cpuUsPerSend)} µs without, ${l.records} sends, pacing off`,
    ),
    figure(
      `ledger.puts_per_second_at_${rate}`,
      p.putsPerSecond,
      "PUTs/s",
      TARGETS.ledgerPutsPerSecond,
      `${p.puts} PUTs in ${p.seconds.toFixed(1)} s`,
    ),
  ];
}

function crashFigures(c) {
  return Object.values(c.runs).flatMap((r) => {
    const of = `${r.kills} kills of ${r.records} sends at ${r.rate}/s (seed ${r.seed})`;
    return [
      figure(
        `crash.${r.rate}.ambiguous_per_kill`,
        r.ambiguousPerKill,
        "records",
        TARGETS.crashAmbiguousPerKill[r.rate] ?? null,
        `${r.ambiguous} ambiguous over ${of}; worst kill ${r.worstKill}`,
      ),
      figure(
        `crash.${r.rate}.never_sent_share`,
        r.neverSentShare * 100,
        "%",
        TARGETS.crashNeverSentShare[r.rate] ?? null,
        `${r.neverSent} of the ${r.ambiguous} ambiguous never reached the emulator`,
      ),
      figure(`crash.${r.rate}.sent_twice`, r.sentTwice, "recipients", TARGETS.crashSentTwice, of),
      figure(
        `crash.${r.rate}.ledger_puts_per_second`,
        r.putsPerSecond,
        "PUTs/s",
        TARGETS.ledgerPutsPerSecond,
        `${r.puts} PUTs over ${r.seconds.toFixed(0)} s of attempts (start-ups included)`,
      ),
    ];
  });
}

function campaignFigures(c) {
  const limit = { max: c.rate };
  const level = `${c.level} level, ${c.rate}/s`;
  return [
    figure(
      "campaign.time_ratio",
      c.timeRatio,
      "x",
      TARGETS.campaignTimeRatio,
      `${c.records} template sends in ${c.seconds.toFixed(1)} s of ${c.allowedSeconds} s allowed (${level})`,
    ),
    figure(
      "campaign.steady_time_ratio",
      c.steadyTimeRatio,
      "x",
      TARGETS.campaignTimeRatio,
      `journal span: first to last send ${c.spanSeconds.toFixed(1)} s`,
    ),
    figure(
      "campaign.busiest_sliding",
      c.busiestSliding,
      "sends",
      limit,
      "any 1 s window, the first included",
    ),
    figure("campaign.busiest_aligned", c.busiestAligned, "sends", limit, "wall-clock seconds"),
    figure(
      "campaign.rate_limited",
      c.limited,
      "sends",
      { max: 0 },
      `130429 answers (${level})${c.limitedAt?.length ? `, at ${refusalTimes(c.limitedAt)} s from the first send` : ""}`,
    ),
  ];
}

/** "26.3 (16), 80.1 (3)": when refusals came, grouped by tenth of a second. */
function refusalTimes(times) {
  const groups = new Map();
  for (const t of times) {
    const at = t.toFixed(1);
    groups.set(at, (groups.get(at) ?? 0) + 1);
  }
  return [...groups].map(([at, n]) => (n > 1 ? `${at} (${n})` : at)).join(", ");
}

/** Every figure of the sections that ran, in section order. */
export function figuresOf(sections) {
  return [
    ...(sections.throughput ? throughputFigures(sections.throughput) : []),
    ...(sections.pacing?.runs.flatMap(pacingFigures) ?? []),
    ...(sections.memory ? memoryFigures(sections.memory) : []),
    ...(sections.startup ? startupFigures(sections.startup) : []),
    ...(sections.cpu ? cpuFigures(sections.cpu) : []),
    ...(sections.ledger ? ledgerFigures(sections.ledger) : []),
    ...(sections.crash ? crashFigures(sections.crash) : []),
    ...(sections.campaign ? campaignFigures(sections.campaign) : []),
  ];
}
