// A Flow campaign through the built CLI: send_flow_template records at the default
// `auto` pace, on an emulator number of the HIGH throughput level (its own emulator process,
// the window enforced, 130429 above the level's rate). The sync must take the time the level
// allows (records / rate) within 2 %: wall time of the child, and the journal's first-to-last
// send without start-up. Any 130429 is a figure (the pace went over); other failures are problems.
import {
  CAMPAIGN_EMULATOR,
  CAMPAIGN_ENDPOINT,
  CAMPAIGN_LEVEL,
  CAMPAIGN_STREAM,
  CAMPAIGN_TEMPLATE_KEY,
  campaignRecord,
  LEVEL_RATE,
} from "../lib/campaign-workload.mjs";
import { startEmulatorProcess } from "../lib/emulator-process.mjs";
import { checkRun } from "../lib/verify.mjs";
import { expectedStates, writeConfig, writeMessages } from "../lib/workload.mjs";
import { runWrite } from "../lib/write-child.mjs";
import { pacingFigures } from "./pacing.mjs";

const RATE_LIMITED = 130429;

/** The rate the sync's log says `auto` chose, or undefined when it said none. */
export function chosenRate(logs) {
  for (const line of logs) {
    const match = /^messages_per_second auto: .*pacing its sends at (\d+(?:\.\d+)?)\/s/.exec(line);
    if (match) return Number(match[1]);
  }
  return undefined;
}

/** The campaign's timing from its wall time and the delivered sends' arrival times (ms). */
export function campaignTiming(records, rate, seconds, times) {
  const allowedSeconds = records / rate;
  const paced = pacingFigures(rate, times);
  return {
    allowedSeconds,
    seconds,
    timeRatio: seconds / allowedSeconds,
    spanSeconds: (Math.max(...times) - Math.min(...times)) / 1000,
    // (n - 1) intervals at the level's rate over the ones measured: 1 / achieved.
    steadyTimeRatio: 1 / paced.accuracy,
    busiestSliding: Math.max(paced.firstSecond.count, paced.afterFirstSecond.count),
    busiestAligned: paced.aligned,
  };
}

export async function benchCampaign({ ws, settings, log }) {
  const n = settings.campaignRecords;
  const input = writeMessages(ws, "campaign", n, { stream: CAMPAIGN_STREAM, data: campaignRecord });
  const emulator = await startEmulatorProcess(CAMPAIGN_EMULATOR);
  try {
    const files = writeConfig(ws, "campaign", {
      url: emulator.url,
      messagesPerSecond: "auto",
      concurrency: settings.concurrency,
      stream: CAMPAIGN_STREAM,
      endpoint: CAMPAIGN_ENDPOINT,
    });
    await emulator.reset();
    const result = await runWrite({ ...files, inputPath: input, pollMs: settings.rssPollMs });
    const journal = await emulator.sends();
    const refused = journal.sends.filter((e) => e.errorCode === RATE_LIMITED);
    const limited = refused.length;
    const firstSend = Math.min(...journal.sends.map((e) => e.time));
    // When the pace went over: seconds from the first send (the first 20), to tell start-up from drift.
    const limitedAt = refused.slice(0, 20).map((e) => (e.time - firstSend) / 1000);
    // Delivered sends per second from the first send: where the run fell behind the level.
    const perSecond = [];
    for (const e of journal.sends) {
      if (e.errorCode === RATE_LIMITED) continue;
      const second = Math.floor((e.time - firstSend) / 1000);
      perSecond[second] = (perSecond[second] ?? 0) + 1;
    }
    const answered = journal.sends.filter((e) => e.errorCode !== RATE_LIMITED);
    const delivered = { ...journal, sends: answered, total: answered.length };
    const problems = checkRun(result, delivered, n, { states: expectedStates(n) });
    const other = answered.filter((e) => e.template !== CAMPAIGN_TEMPLATE_KEY).length;
    if (other > 0) problems.push(`${other} sends were not of the template ${CAMPAIGN_TEMPLATE_KEY}`);
    if (journal.dropped > 0) problems.push(`the emulator journal dropped ${journal.dropped} entries`);
    const chosen = chosenRate(result.logs);
    if (chosen !== LEVEL_RATE) {
      problems.push(
        `auto paced at ${chosen ?? "an unlogged rate"}, not the ${CAMPAIGN_LEVEL} level's ${LEVEL_RATE}/s`,
      );
    }
    const timing = campaignTiming(
      n,
      LEVEL_RATE,
      result.seconds,
      answered.filter((e) => e.status === 200).map((e) => e.time),
    );
    log(
      `  ${n} template sends at auto (${chosen ?? "?"}/s) in ${timing.seconds.toFixed(2)} s ` +
        `(first to last ${timing.spanSeconds.toFixed(2)} s) of ${timing.allowedSeconds} s allowed; ` +
        `busiest 1 s: sliding ${timing.busiestSliding}, aligned ${timing.busiestAligned}; ${limited} × 130429`,
    );
    return {
      records: n,
      level: CAMPAIGN_LEVEL,
      rate: LEVEL_RATE,
      chosen,
      ...timing,
      limited,
      limitedAt,
      perSecond: Array.from(perSecond, (count) => count ?? 0),
      problems,
    };
  } finally {
    await emulator.close();
    ws.removeFile(input);
  }
}
