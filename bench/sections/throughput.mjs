// Records/s through the built CLI's `write` (pacing off) beside the ceiling — a bare
// undici Pool sending the same requests to the same emulator process — in the same run.
import { renderSends, runCeiling } from "../lib/ceiling.mjs";
import { spanRate } from "../lib/stats.mjs";
import { checkRun } from "../lib/verify.mjs";
import { expectedStates, writeConfig, writeMessages } from "../lib/workload.mjs";
import { runWrite } from "../lib/write-child.mjs";

export async function benchThroughput({ emulator, ws, settings, log }) {
  const n = settings.records;
  const input = writeMessages(ws, "throughput", n);
  const files = writeConfig(ws, "throughput", {
    url: emulator.url,
    messagesPerSecond: 0,
    concurrency: settings.concurrency,
  });
  const requests = renderSends(n);
  const problems = [];
  let best = { connector: undefined, ceiling: undefined };

  const connectorRun = async () => {
    await emulator.resetWithFlow();
    const result = await runWrite({ ...files, inputPath: input, pollMs: settings.rssPollMs });
    const journal = await emulator.sends();
    problems.push(...checkRun(result, journal, n, { states: expectedStates(n) }));
    const run = {
      rate: n / result.seconds,
      seconds: result.seconds,
      spanRate: spanRate(journal.sends.map((e) => e.time)),
      peakRss: result.peakRss,
      peakHwm: result.peakHwm,
      cpuSeconds: result.cpuSeconds,
      cpuUsPerRecord: (result.cpuSeconds * 1e6) / n,
    };
    log(`  connector: ${n} records in ${run.seconds.toFixed(2)} s = ${run.rate.toFixed(0)}/s`);
    if (best.connector === undefined || run.rate > best.connector.rate) best.connector = run;
  };
  const ceilingRun = async () => {
    await emulator.resetWithFlow();
    const cpuBefore = process.cpuUsage();
    const result = await runCeiling(emulator.url, requests, settings.concurrency);
    const cpu = process.cpuUsage(cpuBefore);
    const journal = await emulator.sends();
    problems.push(...checkRun(undefined, journal, n));
    if (result.failures > 0) problems.push(`ceiling: ${result.failures} requests not answered 200`);
    const run = {
      rate: n / result.seconds,
      seconds: result.seconds,
      spanRate: spanRate(journal.sends.map((e) => e.time)),
      cpuUsPerRecord: (cpu.user + cpu.system) / n,
    };
    log(`  ceiling:   ${n} requests in ${run.seconds.toFixed(2)} s = ${run.rate.toFixed(0)}/s`);
    if (best.ceiling === undefined || run.rate > best.ceiling.rate) best.ceiling = run;
  };

  for (let round = 0; round < Math.max(1, settings.rounds); round++) {
    // Alternate who goes first so that a warm-up or a noisy neighbour does not favour one side.
    if (round % 2 === 0) {
      await ceilingRun();
      await connectorRun();
    } else {
      await connectorRun();
      await ceilingRun();
    }
  }
  best = { ...best, ratio: best.connector.rate / best.ceiling.rate };
  best.spanRatio = best.connector.spanRate / best.ceiling.spanRate;

  let profile;
  if (settings.profile) {
    const { profileWrite } = await import("../lib/cpuprofile.mjs");
    await emulator.resetWithFlow();
    profile = await profileWrite({ ws, files, input, log });
  }
  let allocations;
  if (settings.allocationProfile) {
    const { profileAllocations } = await import("../lib/allocation-profile.mjs");
    await emulator.resetWithFlow();
    allocations = await profileAllocations({
      ws,
      files,
      input,
      records: n,
      log,
      promoted: settings.promotedOnly,
    });
  }
  return { records: n, concurrency: settings.concurrency, ...best, profile, allocations, problems };
}
