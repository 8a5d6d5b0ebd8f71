// What the CPU profile (cpuprofile.mjs) and the allocation profile (allocation-profile.mjs) share:
// naming a V8 call frame by function, file and area, and ranking amounts (µs, bytes) by each.
import { relative } from "node:path";
import { ROOT } from "./paths.mjs";

/** The part of the program a file belongs to: a dist/ folder, a dependency, or Node itself. */
function areaOf(file) {
  if (file.startsWith("dist/")) return file.split("/").slice(0, 2).join("/");
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (dep) return dep[1];
  if (file.startsWith("node:")) return "node core (js)";
  return file;
}

function where(url) {
  if (url === "") return "(native)";
  const path = url.startsWith("file://") ? new URL(url).pathname : url;
  return path.startsWith(ROOT) ? relative(ROOT, path) : path;
}

/** Amounts added by call frame, summed by function, by file and by area. */
export class FrameTally {
  functions = new Map();
  files = new Map();
  areas = new Map();
  total = 0;

  add({ functionName, url, lineNumber }, amount) {
    const file = where(url);
    const fn = `${functionName || "(anonymous)"} ${file}${url ? `:${lineNumber + 1}` : ""}`;
    const area = url ? areaOf(file) : functionName || "(anonymous)";
    bump(this.functions, fn, amount);
    bump(this.files, file, amount);
    bump(this.areas, area, amount);
    this.total += amount;
  }

  /** The `n` largest of `by` ("functions", "files" or "areas"): `{ name, amount, share }`. */
  rank(by, n) {
    return [...this[by]]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, amount]) => ({ name, amount, share: amount / this.total }));
  }
}

function bump(map, key, amount) {
  map.set(key, (map.get(key) ?? 0) + amount);
}
