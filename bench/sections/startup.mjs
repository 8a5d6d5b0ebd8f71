// Issue 14.4: wall time of each command that answers without calls (`spec`, `discover`) against
// `node -e 0`, interleaved runs, medians: the connector's own start-up cost over Node's. Each run
// must answer exactly one message of the expected type, exit 0, or its figure does not count.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { DIST, MAIN } from "../lib/paths.mjs";
import { median } from "../lib/stats.mjs";
import { writeConfig } from "../lib/workload.mjs";

/**
 * The commands measured. `available` says whether this build has the command: `discover` is
 * measured as soon as dist/ has it (the activation work adds it); until then its figure reads
 * "not measured". To measure a new command, add one entry.
 */
export const STARTUP_COMMANDS = [
  { name: "spec", answers: "SPEC", args: () => ["spec"], available: () => true },
  {
    name: "discover",
    answers: "DESTINATION_CATALOG",
    args: ({ config }) => ["discover", "--config", config],
    available: () => existsSync(`${DIST}commands/discover.js`),
  },
];

/** Wall ms of one `node <args>`; `expect` (a message type) checks its stdout. */
function time(args, expect) {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  const ms = performance.now() - started;
  if (run.status !== 0)
    return { ms, problem: `node ${args.join(" ")} exited ${run.status}: ${run.stderr.slice(0, 300)}` };
  if (expect !== undefined) {
    const lines = run.stdout.split("\n").filter((l) => l !== "");
    let type;
    try {
      type = lines.length === 1 ? JSON.parse(lines[0]).type : undefined;
    } catch {}
    if (type !== expect)
      return { ms, problem: `${args.slice(1).join(" ")} did not answer one ${expect} message` };
  }
  return { ms };
}

export async function benchStartup({ ws, emulator, settings, log }) {
  const { configPath } = writeConfig(ws, "startup", {
    url: emulator.url,
    messagesPerSecond: 0,
    concurrency: 1,
  });
  const commands = STARTUP_COMMANDS.filter((c) => c.available()).map((c) => ({
    ...c,
    argv: [MAIN, ...c.args({ config: configPath })],
    samples: [],
  }));
  const problems = [];
  const bare = [];
  const sample = (argv, expect, into) => {
    const { ms, problem } = time(argv, expect);
    if (problem !== undefined && !problems.includes(problem)) problems.push(problem);
    into?.push(ms);
  };
  for (const c of commands) sample(c.argv, c.answers); // warm the file cache once, uncounted
  for (let i = 0; i < settings.startupRuns; i++) {
    sample(["-e", "0"], undefined, bare);
    for (const c of commands) sample(c.argv, c.answers, c.samples);
  }
  const nodeMs = median(bare);
  const result = { runs: settings.startupRuns, nodeMs, commands: {}, problems };
  for (const c of STARTUP_COMMANDS) {
    const measured = commands.find((m) => m.name === c.name);
    if (measured === undefined) {
      result.commands[c.name] = { measured: false, reason: `this build has no ${c.name} command` };
      log(`  ${c.name}: not measured (this build has no ${c.name} command)`);
      continue;
    }
    const ms = median(measured.samples);
    result.commands[c.name] = { measured: true, ms, ratio: ms / nodeMs };
    log(
      `  ${c.name} ${ms.toFixed(0)} ms vs node -e 0 ${nodeMs.toFixed(0)} ms (medians) = ${(ms / nodeMs).toFixed(2)}`,
    );
  }
  return result;
}
