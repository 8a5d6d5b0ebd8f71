// BENCH_PROFILE=alloc: one more `write` run with V8's sampling heap profiler (allocation-sampler.mjs),
// summarised as bytes allocated per record by function and by area: what feeds the garbage
// collector, which a CPU profile only shows as "(garbage collector)".
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { FrameTally } from "./profile-frames.mjs";
import { runWrite } from "./write-child.mjs";

const SAMPLER = fileURLToPath(new URL("./allocation-sampler.mjs", import.meta.url));

/** Bytes allocated per record by function and by area, from a .heapprofile's tree. */
export function summariseAllocations(profile, records, top = 25) {
  const tally = new FrameTally();
  const visit = (node) => {
    tally.add(node.callFrame, node.selfSize);
    for (const child of node.children) visit(child);
  };
  visit(profile.head);
  const rank = (by, n) =>
    tally
      .rank(by, n)
      .map(({ name, amount, share }) => ({ name, bytesPerRecord: Math.round(amount / records), share }));
  return {
    bytesPerRecord: Math.round(tally.total / records),
    functions: rank("functions", top),
    areas: rank("areas", 15),
  };
}

/** `promoted`: only the objects that outlived the young generation (BENCH_PROFILE=promoted). */
export async function profileAllocations({ ws, files, input, records, log, promoted = false }) {
  const out = ws.path("allocations.heapprofile");
  await runWrite({
    ...files,
    inputPath: input,
    nodeArgs: ["--import", SAMPLER],
    env: { ...process.env, BENCH_ALLOCATION_PROFILE: out, BENCH_ALLOCATION_PROMOTED: promoted ? "1" : "0" },
  });
  const summary = summariseAllocations(JSON.parse(readFileSync(out, "utf8")), records);
  const what = promoted ? "allocations that outlived the young generation" : "allocations";
  log(`  ${what} of one write run: ${summary.bytesPerRecord} bytes a record (sampled); by function:`);
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
