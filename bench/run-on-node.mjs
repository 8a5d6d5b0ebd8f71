// One Node's run of `npm run bench` (bench/run.mjs starts it on each Node): side-by-side ratios
// of the built connector (dist/) on this machine, every child process (the connector, the
// emulator) on the Node that runs this file. Not a test: figures are printed and written as JSON
// to BENCH_RESULTS_FILE (bench/run.mjs gathers them in bench/results.json; shape: bench/README.md).
// Exits 1 only when a run did not do what was asked; a missed target is a figure, not a failure.
import { writeFileSync } from "node:fs";
import { startEmulatorProcess } from "./lib/emulator-process.mjs";
import { figuresOf } from "./lib/figures.mjs";
import { settings } from "./lib/settings.mjs";
import { printTable } from "./lib/table.mjs";
import { createWorkspace } from "./lib/workload.mjs";
import { benchCampaign } from "./sections/campaign.mjs";
import { benchCrash } from "./sections/crash.mjs";
import { benchLedger } from "./sections/ledger.mjs";
import { benchMemory } from "./sections/memory.mjs";
import { benchPacing } from "./sections/pacing.mjs";
import { benchRenderCpu } from "./sections/render-cpu.mjs";
import { benchStartup } from "./sections/startup.mjs";
import { benchThroughput } from "./sections/throughput.mjs";

const log = (line) => process.stdout.write(`${line}\n`);
const started = performance.now();
const sections = {};
const problems = [];

/** Each section in order; one that throws is a problem of its own, the others still run. */
const SECTIONS = [
  ["throughput", "throughput (pacing off)", (ctx) => benchThroughput(ctx)],
  ["pacing", `pacing (${settings.pacingSeconds} s each)`, (ctx) => benchPacing(ctx)],
  [
    "memory",
    "memory (pacing off)",
    (ctx) =>
      benchMemory(
        ctx,
        sections.throughput?.connector && {
          records: sections.throughput.records,
          ...sections.throughput.connector,
        },
      ),
  ],
  ["startup", "start-up", (ctx) => benchStartup(ctx)],
  ["cpu", `plan() CPU (${settings.cpuRecords} records per template)`, (ctx) => benchRenderCpu(ctx)],
  ["ledger", "send ledger (object storage off vs. on)", (ctx) => benchLedger(ctx)],
  [
    "crash",
    `kill -9 with the send ledger (${settings.crashKills} kills of ${settings.crashRecords} sends per pace)`,
    (ctx) => benchCrash(ctx),
  ],
  [
    "campaign",
    `campaign (${settings.campaignRecords} send_flow_template at auto, HIGH level)`,
    (ctx) => benchCampaign(ctx),
  ],
];

const ws = createWorkspace();
const emulator = await startEmulatorProcess();
const ctx = { emulator, ws, settings, log };
try {
  log(`bench: emulator pid ${emulator.pid} at ${emulator.url}; scratch ${ws.dir}`);
  for (const [name, title, run] of SECTIONS) {
    if (!settings.sections.includes(name)) continue;
    log(title);
    try {
      sections[name] = await run(ctx);
      problems.push(...(sections[name].problems ?? []).map((p) => `${name}: ${p}`));
    } catch (error) {
      problems.push(`${name}: did not finish: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
} finally {
  await emulator.close();
  ws.remove();
}

const figures = figuresOf(sections);
const results = {
  node: process.version,
  seconds: (performance.now() - started) / 1000,
  problems,
  figures,
  sections,
};
const resultsFile = process.env.BENCH_RESULTS_FILE;
if (resultsFile) writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);

log("");
printTable(figures, log);
log(`\n${results.seconds.toFixed(0)} s on Node ${process.version}`);
if (problems.length > 0) {
  log(`\nRUNS THAT DID NOT DO WHAT WAS ASKED (their figures do not count):`);
  for (const p of problems) log(`  - ${p}`);
  process.exitCode = 1;
}
