// Issue 6.4: wall time of `node dist/main.js spec` against `node -e 0`, interleaved runs,
// medians: the connector's own start-up cost over Node's.
import { spawnSync } from "node:child_process";
import { MAIN } from "../lib/paths.mjs";
import { median } from "../lib/stats.mjs";

function time(args) {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`node ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  return ms;
}

export async function benchStartup({ settings, log }) {
  const spec = [];
  const bare = [];
  time([MAIN, "spec"]); // warm the file cache once, uncounted
  for (let i = 0; i < settings.startupRuns; i++) {
    bare.push(time(["-e", "0"]));
    spec.push(time([MAIN, "spec"]));
  }
  const result = { runs: settings.startupRuns, specMs: median(spec), nodeMs: median(bare) };
  result.ratio = result.specMs / result.nodeMs;
  log(`  spec ${result.specMs.toFixed(0)} ms, node -e 0 ${result.nodeMs.toFixed(0)} ms (medians)`);
  return result;
}
