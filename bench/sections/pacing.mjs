// Pacing through the CLI at each configured messages_per_second, read off the
// emulator request log's arrival times (ms), which is where Meta counts: the achieved rate over the
// run, and the busiest 1-second window sliding (any start, the strict view; split into windows
// that start in the first second, where connection set-up bunches sends, and the rest) and
// wall-clock aligned (how Meta's limiter and the emulator's 130429 count).
import { busiestAlignedWindow, busiestSlidingWindow, spanRate } from "../lib/stats.mjs";
import { checkRun } from "../lib/verify.mjs";
import { expectedStates, writeConfig, writeMessages } from "../lib/workload.mjs";
import { runWrite } from "../lib/write-child.mjs";

/** The figures of one paced run from its send arrival times. */
export function pacingFigures(rate, times) {
  const first = Math.min(...times);
  const achieved = spanRate(times);
  return {
    achieved,
    accuracy: achieved / rate,
    firstSecond: busiestSlidingWindow(times, { startsIn: [first, first + 1000] }),
    afterFirstSecond: busiestSlidingWindow(times, { startsIn: [first + 1000, Infinity] }),
    aligned: busiestAlignedWindow(times),
  };
}

export async function benchPacing({ emulator, ws, settings, log }) {
  const runs = [];
  for (const rate of settings.pacingRates) {
    const n = Math.round(rate * settings.pacingSeconds);
    const input = writeMessages(ws, `pacing-${rate}`, n);
    const files = writeConfig(ws, `pacing-${rate}`, {
      url: emulator.url,
      messagesPerSecond: rate,
      concurrency: settings.concurrency,
    });
    await emulator.resetWithFlow();
    const result = await runWrite({ ...files, inputPath: input });
    const journal = await emulator.sends();
    const problems = checkRun(result, journal, n, { states: expectedStates(n) });
    const figures = pacingFigures(
      rate,
      journal.sends.map((e) => e.time),
    );
    const run = { configured: rate, records: n, seconds: result.seconds, ...figures, problems };
    log(
      `  ${rate}/s: ${n} sends, achieved ${figures.achieved.toFixed(2)}/s = ${(figures.accuracy * 100).toFixed(2)} %; ` +
        `busiest 1 s: sliding ${figures.firstSecond.count} from the first second ` +
        `(at +${figures.firstSecond.at} ms), ${figures.afterFirstSecond.count} after it ` +
        `(at +${figures.afterFirstSecond.at} ms); aligned ${figures.aligned}`,
    );
    runs.push(run);
  }
  const problems = runs.flatMap((r) => r.problems.map((p) => `${r.configured}/s: ${p}`));
  return { seconds: settings.pacingSeconds, runs, problems };
}
