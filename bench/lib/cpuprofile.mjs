// BENCH_PROFILE=1: one more `write` run under --cpu-prof, summarised as the functions and files
// with the most self time (where the CPU goes, not who called it).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FrameTally } from "./profile-frames.mjs";
import { runWrite } from "./write-child.mjs";

/** Self time by function and by file, from a .cpuprofile's samples and time deltas. */
export function summariseProfile(profile, top = 15) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const tally = new FrameTally();
  for (const [id, us] of selfUs) tally.add(byId.get(id).callFrame, us);
  const rank = (by, n = top) =>
    tally.rank(by, n).map(({ name, amount, share }) => ({ name, ms: Math.round(amount / 1000), share }));
  return {
    totalMs: Math.round(tally.total / 1000),
    functions: rank("functions"),
    files: rank("files"),
    areas: rank("areas", 20),
  };
}

export async function profileWrite({ ws, files, input, log, dirName = "profile" }) {
  const dir = ws.path(dirName);
  await runWrite({ ...files, inputPath: input, nodeArgs: ["--cpu-prof", "--cpu-prof-dir", dir] });
  const name = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  const summary = summariseProfile(JSON.parse(readFileSync(join(dir, name), "utf8")));
  log(`  profile of one write run: ${summary.totalMs} ms sampled; top self time:`);
  for (const f of summary.functions) {
    log(`    ${(f.share * 100).toFixed(1).padStart(5)} %  ${String(f.ms).padStart(6)} ms  ${f.name}`);
  }
  log("  by area:");
  for (const f of summary.areas) {
    log(`    ${(f.share * 100).toFixed(1).padStart(5)} %  ${String(f.ms).padStart(6)} ms  ${f.name}`);
  }
  return summary;
}
