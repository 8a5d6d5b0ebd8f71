// BENCH_PROFILE=1: one more `write` run under --cpu-prof, summarised as the functions and files
// with the most self time (where the CPU goes, not who called it).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT } from "./paths.mjs";
import { runWrite } from "./write-child.mjs";

/** The part of the program a file belongs to: a dist/ folder, a dependency, or Node itself. */
export function areaOf(file) {
  if (file.startsWith("dist/")) return file.split("/").slice(0, 2).join("/");
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (dep) return dep[1];
  if (file.startsWith("node:")) return "node core (js)";
  return file;
}

export function where(url) {
  if (url === "") return "(native)";
  const path = url.startsWith("file://") ? new URL(url).pathname : url;
  return path.startsWith(ROOT) ? relative(ROOT, path) : path;
}

/** Self time by function and by file, from a .cpuprofile's samples and time deltas. */
export function summariseProfile(profile, top = 15) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const functions = new Map();
  const files = new Map();
  const areas = new Map();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const file = where(url);
    const fn = `${functionName || "(anonymous)"} ${file}${url ? `:${lineNumber + 1}` : ""}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
    files.set(file, (files.get(file) ?? 0) + us);
    const area = url ? areaOf(file) : functionName || "(anonymous)";
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  const rank = (map, n = top) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: us / total }));
  return {
    totalMs: Math.round(total / 1000),
    functions: rank(functions),
    files: rank(files),
    areas: rank(areas, 20),
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
