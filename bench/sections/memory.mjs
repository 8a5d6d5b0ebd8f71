// Peak memory of the `write` child for the throughput run's size and for a large
// one (default 1M records, pacing off, real sends). Polled from outside: /proc/<pid>/status
// every BENCH_RSS_POLL_MS; the kernel's VmHWM (true peak up to the last poll) is the figure.
import { mb } from "../lib/stats.mjs";
import { checkRun } from "../lib/verify.mjs";
import { expectedStates, writeConfig, writeMessages } from "../lib/workload.mjs";
import { runWrite } from "../lib/write-child.mjs";

async function measure({ emulator, ws, settings, log }, n) {
  const input = writeMessages(ws, `memory-${n}`, n);
  const files = writeConfig(ws, `memory-${n}`, {
    url: emulator.url,
    messagesPerSecond: 0,
    concurrency: settings.concurrency,
  });
  await emulator.resetWithFlow();
  const result = await runWrite({ ...files, inputPath: input, pollMs: settings.rssPollMs });
  const journal = await emulator.sends();
  const problems = checkRun(result, journal, n, { states: expectedStates(n) });
  ws.removeFile(input);
  log(
    `  ${n} records: peak RSS ${mb(result.peakHwm).toFixed(1)} MB (VmHWM), ` +
      `${(n / result.seconds).toFixed(0)}/s, ${result.seconds.toFixed(1)} s`,
  );
  return {
    records: n,
    seconds: result.seconds,
    rate: n / result.seconds,
    peakHwm: result.peakHwm,
    peakRss: result.peakRss,
    cpuSeconds: result.cpuSeconds,
    problems,
  };
}

/** `small` is the throughput run's connector figures when that section ran (same settings). */
export async function benchMemory(ctx, small) {
  const { settings } = ctx;
  const base =
    small !== undefined
      ? { records: small.records, peakHwm: small.peakHwm, peakRss: small.peakRss, problems: [] }
      : await measure(ctx, settings.records);
  const large = settings.memoryRecords > 0 ? await measure(ctx, settings.memoryRecords) : undefined;
  return {
    method: `/proc/<pid>/status VmHWM and VmRSS polled every ${settings.rssPollMs} ms`,
    small: base,
    large,
    ratio: large === undefined ? undefined : large.peakHwm / base.peakHwm,
    problems: [...base.problems, ...(large?.problems ?? []).map((p) => `${large.records} records: ${p}`)],
  };
}
