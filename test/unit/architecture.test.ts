import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/cli.js";

/**
 * docs/architecture.md's layer table is the rule: every relative import under src/ crosses into a
 * layer its row allows. The table is read from the doc, so changing a dependency means changing
 * the doc in the same commit.
 */
const SRC = join(ROOT, "src");

function allowedImports(): Map<string, Set<string>> {
  const doc = readFileSync(join(ROOT, "docs", "architecture.md"), "utf8");
  const table = new Map<string, Set<string>>();
  for (const line of doc.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    const layer = /^`([\w.-]+?)(?:\/|\.ts)?`$/.exec(cells[1] ?? "")?.[1];
    if (!layer || cells.length < 5) continue;
    const may = [...(cells[3] ?? "").matchAll(/`([\w.-]+)`/g)].map((m) => m[1]!);
    table.set(layer, new Set(may));
  }
  return table;
}

function layerOf(file: string): string {
  return relative(SRC, file).split(/[\\/]/)[0]!.replace(/\.ts$/, "").replace(/\.js$/, "");
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

const IMPORT = /(?:from\s+|import\s*\(\s*)"(\.{1,2}\/[^"]+)"/g;

describe("the layers of docs/architecture.md", () => {
  const table = allowedImports();

  it("has a row for every top-level entry of src/", () => {
    const entries = readdirSync(SRC).map((name) => name.replace(/\.ts$/, ""));
    for (const entry of entries)
      expect(table.has(entry), `docs/architecture.md has no row for ${entry}`).toBe(true);
  });

  it("allows every import that crosses a layer", () => {
    const violations: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const from = layerOf(file);
      for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
        const to = layerOf(resolve(dirname(file), match[1]!));
        if (to !== from && !table.get(from)?.has(to)) {
          violations.push(`${relative(ROOT, file)} imports ${to} (${match[1]})`);
        }
      }
    }
    expect(violations).toEqual([]);
  });
});
