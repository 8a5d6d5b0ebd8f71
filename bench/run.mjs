// `npm run bench`: the whole bench once on each Node of lib/nodes.mjs (the image's Node 24 first,
// this machine's Node beside it), each run a child process of its own (run-on-node.mjs) whose
// connector and emulator children run on that Node. Prints each run's table, then the figures of
// all runs side by side, and writes them to bench/results.json (shape: bench/README.md).
// Exits 1 only when a run did not do what was asked; a missed target is a figure, not a failure.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchNodes } from "./lib/nodes.mjs";
import { settings } from "./lib/settings.mjs";
import { printSideBySide } from "./lib/table.mjs";

/** Bumped when a field of results.json changes meaning or goes away. */
const RESULTS_SCHEMA = 2;

const log = (line) => process.stdout.write(`${line}\n`);
const started = performance.now();
const RUN_ON_NODE = fileURLToPath(new URL("./run-on-node.mjs", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "bench-results-"));
const runs = [];
const problems = [];
try {
  for (const node of benchNodes()) {
    log(`\n=== Node ${node.version} (${node.kind === "image" ? "the image's" : "this machine's"}) ===`);
    const file = join(scratch, `${node.version}.json`);
    const child = spawnSync(node.execPath, [RUN_ON_NODE], {
      stdio: "inherit",
      env: { ...process.env, BENCH_RESULTS_FILE: file },
    });
    let run;
    try {
      run = JSON.parse(readFileSync(file, "utf8"));
    } catch {
      problems.push(`Node ${node.version}: the run ended (exit ${child.status}) without its figures`);
      continue;
    }
    runs.push({ kind: node.kind, ...run });
    problems.push(...run.problems.map((p) => `Node ${node.version}: ${p}`));
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const results = {
  schema: RESULTS_SCHEMA,
  when: new Date().toISOString(),
  cpus: cpus().length,
  seconds: (performance.now() - started) / 1000,
  settings,
  problems,
  runs,
};
writeFileSync(new URL("./results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);

log("");
printSideBySide(runs, log);
log(`\n${results.seconds.toFixed(0)} s in all; figures in bench/results.json`);
if (problems.length > 0) {
  log(`\nRUNS THAT DID NOT DO WHAT WAS ASKED (their figures do not count):`);
  for (const p of problems) log(`  - ${p}`);
  process.exitCode = 1;
}
