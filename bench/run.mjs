// `npm run bench`: side-by-side ratios of the built connector (dist/) on this machine, one run.
// Not a test: figures are printed and written to bench/results.json. See bench/README.md.
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { startEmulatorProcess } from "./lib/emulator-process.mjs";
import { settings } from "./lib/settings.mjs";
import { printTable, summaryRows } from "./lib/table.mjs";
import { createWorkspace } from "./lib/workload.mjs";
import { benchMemory } from "./sections/memory.mjs";
import { benchPacing } from "./sections/pacing.mjs";
import { benchRenderCpu } from "./sections/render-cpu.mjs";
import { benchStartup } from "./sections/startup.mjs";
import { benchThroughput } from "./sections/throughput.mjs";

const log = (line) => process.stdout.write(`${line}\n`);
const wants = (name) => settings.sections.includes(name);
const started = performance.now();
const results = {
  when: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  settings,
};

const ws = createWorkspace();
const emulator = await startEmulatorProcess();
const ctx = { emulator, ws, settings, log };
try {
  log(`bench: emulator pid ${emulator.pid} at ${emulator.url}; scratch ${ws.dir}`);
  if (wants("throughput")) {
    log("throughput (pacing off)");
    results.throughput = await benchThroughput(ctx);
  }
  if (wants("pacing")) {
    log(`pacing (${settings.pacingSeconds} s each)`);
    results.pacing = await benchPacing(ctx);
  }
  if (wants("memory")) {
    log("memory (pacing off)");
    results.memory = await benchMemory(
      ctx,
      results.throughput?.connector && {
        records: results.throughput.records,
        ...results.throughput.connector,
      },
    );
  }
  if (wants("startup")) {
    log("start-up");
    results.startup = await benchStartup(ctx);
  }
  if (wants("cpu")) {
    log(`plan() CPU (${settings.cpuRecords} records per template)`);
    results.cpu = await benchRenderCpu(ctx);
  }
} finally {
  await emulator.close();
  ws.remove();
}

results.seconds = (performance.now() - started) / 1000;
const problems = [
  ...(results.throughput?.problems ?? []),
  ...(results.pacing?.runs.flatMap((r) => r.problems) ?? []),
  ...(results.memory?.small.problems ?? []),
  ...(results.memory?.large?.problems ?? []),
];
results.problems = problems;
writeFileSync(new URL("./results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);

log("");
printTable(summaryRows(results), log);
log(`\n${results.seconds.toFixed(0)} s in all; figures in bench/results.json`);
if (problems.length > 0) {
  log(`\nRUNS THAT DID NOT DO WHAT WAS ASKED (their figures do not count):`);
  for (const p of problems) log(`  - ${p}`);
  process.exitCode = 1;
}
