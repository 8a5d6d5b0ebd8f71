// The Nodes `npm run bench` runs on, in order: the image's Node first (scripts/image-node.mjs
// prints its binary, installing it once), then the Node that started the bench when it is another
// version (this machine's Node 20), so the figures that count and the ones beside them come from
// one run on one machine. BENCH_NODES picks: `image`, `local`, or `image,local` (the default).
import { execFileSync } from "node:child_process";
import { ROOT } from "./paths.mjs";

const KINDS = ["image", "local"];

function wanted() {
  const raw = process.env.BENCH_NODES;
  const kinds = raw === undefined || raw === "" ? KINDS : raw.split(",").map((s) => s.trim());
  const unknown = kinds.filter((kind) => !KINDS.includes(kind));
  if (unknown.length > 0)
    throw new Error(`BENCH_NODES: unknown ${unknown.join(", ")} (known: ${KINDS.join(", ")})`);
  return kinds;
}

const versionOf = (execPath) =>
  execFileSync(execPath, ["-p", "process.version"], { encoding: "utf8" }).trim();

/** `{ kind, execPath, version }` of each Node to run on, the image's first, no version twice. */
export function benchNodes() {
  const nodes = [];
  for (const kind of wanted()) {
    const execPath =
      kind === "image"
        ? execFileSync(process.execPath, [`${ROOT}scripts/image-node.mjs`], {
            encoding: "utf8",
            stdio: ["ignore", "pipe", "inherit"],
          }).trim()
        : process.execPath;
    const version = versionOf(execPath);
    if (!nodes.some((n) => n.version === version)) nodes.push({ kind, execPath, version });
  }
  return nodes;
}
