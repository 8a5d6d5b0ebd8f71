// BENCH_PROFILE=alloc: one more `write` run with V8's sampling heap profiler (allocation-sampler.mjs),
// summarised as bytes allocated per record by function and by area: what feeds the garbage
// collector, which a CPU profile only shows as "(garbage collector)".
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { areaOf, where } from "./cpuprofile.mjs";
import { runWrite } from "./write-child.mjs";

const SAMPLER = fileURLToPath(new URL("./allocation-sampler.mjs", import.meta.url));

/** Bytes allocated per record by function, file and area, from a .heapprofile's tree. */
export function summariseAllocations(profile, records, top = 25) {
  const functions = new Map();
  const areas = new Map();
  let total = 0;
  const visit = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = where(url);
    const fn = `${functionName || "(anonymous)"} ${file}${url ? `:${lineNumber + 1}` : ""}`;
    functions.set(fn, (functions.get(fn) ?? 0) + node.selfSize);
    const area = url ? areaOf(file) : functionName || "(anonymous)";
    areas.set(area, (areas.get(area) ?? 0) + node.selfSize);
    total += node.selfSize;
    for (const child of node.children) visit(child);
  };
  visit(profile.head);
  const rank = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, bytes]) => ({ name, bytesPerRecord: Math.round(bytes / records), share: bytes / total }));
  return {
    bytesPerRecord: Math.round(total / records),
    functions: rank(functions, top),
    areas: rank(areas, 15),
  };
}

export async function profileAllocations({ ws, files, input, records, log }) {
  const out = ws.path("allocations.heapprofile");
  await runWrite({
    ...files,
    inputPath: input,
    nodeArgs: ["--import", SAMPLER],
    env: { ...process.env, BENCH_ALLOCATION_PROFILE: out },
  });
  const summary = summariseAllocations(JSON.parse(readFileSync(out, "utf8")), records);
  log(`  allocations of one write run: ${summary.bytesPerRecord} bytes a record (sampled); by function:`);
  for (const f of summary.functions) {
    log(
      `    ${(f.share * 100).toFixed(1).padStart(5)} %  ${String(f.bytesPerRecord).padStart(6)} B  ${f.name}`,
    );
  }
  log("  by area:");
  for (const f of summary.areas) {
    log(
      `    ${(f.share * 100).toFixed(1).padStart(5)} %  ${String(f.bytesPerRecord).padStart(6)} B  ${f.name}`,
    );
  }
  return summary;
}
