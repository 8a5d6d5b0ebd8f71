// Wall time of the commands that answer without a sync (`spec`, `discover`) against `node -e 0`,
// interleaved runs, medians: the connector's own start-up cost over Node's. Each command starts
// as the image starts it (its node options), in two ways: with an empty compile cache, as every
// command Airbyte runs starts in a fresh container, and with the cache the runs before it left.
// Each run must answer exactly one message of the expected type (LOG lines aside) and exit 0, or
// its figure does not count. Beside them, the floor `discover` stands on: undici's public entry,
// bundled as the CLI is, making discover's one call.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { build } from "esbuild";
import { CLI_BUNDLE_OPTIONS } from "../../scripts/bundle.mjs";
import { IMAGE_NODE_ARGS, IMAGE_NODE_ENV } from "../lib/image-runtime.mjs";
import { DIST, MAIN, ROOT, WABA_ID } from "../lib/paths.mjs";
import { median } from "../lib/stats.mjs";
import { writeConfig } from "../lib/workload.mjs";

/**
 * The commands measured. `discover` is the static one: its config's token is one the emulator
 * refuses, so it lists the static operations after one refused call, as it does for a config
 * without a working token. `available` says whether this build has the command. To measure a new
 * command, add one entry.
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

/** A token the emulator does not take (it takes the bench's own). */
const REFUSED_TOKEN = "EAAG-bench-token-the-emulator-refuses";

/**
 * A program that loads undici as the CLI loads it (esbuild, the CLI's bundle options) and makes
 * the one Graph call static `discover` makes: what `discover` cannot start faster than while
 * its calls go through undici, whatever the connector's own code costs.
 */
const HTTP_CLIENT_FLOOR = `
import { Pool } from "undici";
const [origin, path, token] = process.argv.slice(2);
const pool = new Pool(origin, { connections: 1 });
const answer = await pool.request({ method: "GET", path, headers: { authorization: "Bearer " + token } });
await answer.body.text();
await pool.close();
`;

async function buildHttpClientFloor(ws) {
  const outfile = ws.path("http-client-floor.mjs");
  await build({
    ...CLI_BUNDLE_OPTIONS,
    stdin: { contents: HTTP_CLIENT_FLOOR, resolveDir: ROOT, sourcefile: "http-client-floor.mjs" },
    outfile,
  });
  return outfile;
}

/** Wall ms of one `node <args>`; `expect` (a message type) checks its stdout. */
function time(args, env, expect) {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    env,
  });
  const ms = performance.now() - started;
  if (run.status !== 0)
    return { ms, problem: `node ${args.join(" ")} exited ${run.status}: ${run.stderr.slice(0, 300)}` };
  if (expect !== undefined) {
    let types = [];
    try {
      types = run.stdout
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l).type)
        .filter((type) => type !== "LOG");
    } catch {}
    if (types.length !== 1 || types[0] !== expect)
      return { ms, problem: `${args.slice(1).join(" ")} did not answer one ${expect} message` };
  }
  return { ms };
}

export async function benchStartup({ ws, emulator, settings, log }) {
  const { configPath } = writeConfig(ws, "startup", {
    url: emulator.url,
    messagesPerSecond: 0,
    concurrency: 1,
    token: REFUSED_TOKEN,
  });
  const cacheRoot = ws.path("compile-cache");
  const warmCache = `${cacheRoot}/warm`;
  let emptyCaches = 0;
  const environment = (cache) => {
    const { NODE_COMPILE_CACHE: _, NODE_DISABLE_COMPILE_CACHE: __, ...env } = process.env;
    const dir = cache === "warm" ? warmCache : `${cacheRoot}/empty-${emptyCaches++}`;
    mkdirSync(dir, { recursive: true });
    return { ...env, ...IMAGE_NODE_ENV, NODE_COMPILE_CACHE: dir };
  };
  const commands = STARTUP_COMMANDS.filter((c) => c.available()).map((c) => ({
    ...c,
    argv: [...IMAGE_NODE_ARGS, MAIN, ...c.args({ config: configPath })],
    samples: { empty: [], warm: [] },
  }));
  const floorProgram = await buildHttpClientFloor(ws);
  const floorArgv = [
    ...IMAGE_NODE_ARGS,
    floorProgram,
    emulator.url,
    `/v23.0/${WABA_ID}/message_templates`,
    REFUSED_TOKEN,
  ];
  const problems = [];
  const bare = [];
  const floor = [];
  const sample = (argv, env, expect, into) => {
    const { ms, problem } = time(argv, env, expect);
    if (problem !== undefined && !problems.includes(problem)) problems.push(problem);
    into?.push(ms);
  };
  // Uncounted: the file cache warmed, and the warm compile cache filled.
  for (const c of commands) sample(c.argv, environment("warm"), c.answers);
  for (let i = 0; i < settings.startupRuns; i++) {
    sample(["-e", "0"], process.env, undefined, bare);
    sample(floorArgv, environment("empty"), undefined, floor);
    for (const c of commands) {
      sample(c.argv, environment("empty"), c.answers, c.samples.empty);
      sample(c.argv, environment("warm"), c.answers, c.samples.warm);
    }
  }
  const nodeMs = median(bare);
  const floorMs = median(floor);
  const result = {
    runs: settings.startupRuns,
    nodeMs,
    httpClientFloor: { ms: floorMs, ratio: floorMs / nodeMs },
    commands: {},
    problems,
  };
  log(
    `  undici's entry and one call (the floor of discover) ${floorMs.toFixed(0)} ms ` +
      `vs node -e 0 ${nodeMs.toFixed(0)} ms = ${(floorMs / nodeMs).toFixed(2)}`,
  );
  for (const c of STARTUP_COMMANDS) {
    const measured = commands.find((m) => m.name === c.name);
    if (measured === undefined) {
      result.commands[c.name] = { measured: false, reason: `this build has no ${c.name} command` };
      log(`  ${c.name}: not measured (this build has no ${c.name} command)`);
      continue;
    }
    const ms = median(measured.samples.empty);
    const warmMs = median(measured.samples.warm);
    result.commands[c.name] = {
      measured: true,
      ms,
      ratio: ms / nodeMs,
      warmCacheMs: warmMs,
      warmCacheRatio: warmMs / nodeMs,
    };
    log(
      `  ${c.name} ${ms.toFixed(0)} ms (compile cache empty), ${warmMs.toFixed(0)} ms (warm) ` +
        `vs node -e 0 ${nodeMs.toFixed(0)} ms (medians) = ${(ms / nodeMs).toFixed(2)}, ${(warmMs / nodeMs).toFixed(2)}`,
    );
  }
  return result;
}
