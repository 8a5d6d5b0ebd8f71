// Issue 6.2: pacing accuracy through the CLI at each configured messages_per_second, read off
// the emulator journal's arrival times (ms): achieved rate over the span of the run, and the
// busiest 1-second window both sliding (any start, the strict view) and wall-clock aligned (how
// Meta's limiter counts).
import { busiestAlignedWindow, busiestSlidingWindow, spanRate } from "../lib/stats.mjs";
import { checkRun } from "../lib/verify.mjs";
import { expectedStates, writeConfig, writeMessages } from "../lib/workload.mjs";
import { runWrite } from "../lib/write-child.mjs";

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
    const times = journal.sends.map((e) => e.time);
    const achieved = spanRate(times);
    const sliding = busiestSlidingWindow(times);
    // The same view without the first second: connection set-up delays the first sends, which
    // then bunch with the next ones at the emulator even though they were granted on time.
    const first = Math.min(...times);
    const later = busiestSlidingWindow(times.filter((t) => t >= first + 1000));
    const run = {
      configured: rate,
      records: n,
      seconds: result.seconds,
      achieved,
      accuracy: achieved / rate,
      busiestSliding: sliding.count,
      busiestSlidingAtMs: sliding.at,
      busiestSlidingAfterFirstSecond: later.count,
      busiestAligned: busiestAlignedWindow(times),
      problems,
    };
    log(
      `  ${rate}/s: ${n} sends, achieved ${achieved.toFixed(1)}/s, busiest 1 s window ` +
        `${run.busiestSliding} sliding (at +${sliding.at} ms; ${later.count} after the first second) / ` +
        `${run.busiestAligned} aligned`,
    );
    runs.push(run);
  }
  return { seconds: settings.pacingSeconds, runs };
}
