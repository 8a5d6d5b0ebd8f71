// Loaded into the `write` child with `node --import` (BENCH_PROFILE=alloc): V8's sampling heap
// profiler, keeping the samples of objects the garbage collector has already freed, so the profile
// shows what each function allocates over the run (node's --heap-prof keeps only what is still
// alive at exit). Written to BENCH_ALLOCATION_PROFILE when the process exits. With
// BENCH_ALLOCATION_PROMOTED=1 the samples of objects a young-generation collection freed are
// dropped: what is left outlived the young generation (promoted, or allocated old), the part of
// the allocations that costs full collections.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";

const out = process.env.BENCH_ALLOCATION_PROFILE;
if (out === undefined) throw new Error("BENCH_ALLOCATION_PROFILE names no file for the allocation profile");
const session = new Session();
session.connect();
session.post("HeapProfiler.enable");
session.post("HeapProfiler.startSampling", {
  samplingInterval: 8192,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: process.env.BENCH_ALLOCATION_PROMOTED !== "1",
});
// A session on the process's own thread answers synchronously, so this runs to the end at exit.
process.on("exit", () => {
  session.post("HeapProfiler.stopSampling", (error, result) => {
    if (error === null) writeFileSync(out, JSON.stringify(result.profile));
  });
});
