import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/cli.js";

/**
 * docs/architecture.md's layer tables are the rule: every relative import under src/ crosses into a
 * layer its row allows, and inside a layer with a table of its own (`operations/…` rows), into a
 * sub-layer its row allows. The tables are read from the doc, so changing a dependency means
 * changing the doc in the same commit. No import cycle either, type-only imports included: a
 * cycle is a layer that cannot be read, tested or moved on its own.
 */
const SRC = join(ROOT, "src");

/** Rows of the doc's tables: `layer` → what it may import; `layer/sub` rows are keyed "layer/sub". */
function allowedImports(): Map<string, Set<string>> {
  const doc = readFileSync(join(ROOT, "docs", "architecture.md"), "utf8");
  const table = new Map<string, Set<string>>();
  for (const line of doc.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    const layer = /^`((?:[\w.-]+\/)?[\w.-]+?)(?:\/|\.ts)?`$/.exec(cells[1] ?? "")?.[1];
    if (!layer || cells.length < 5) continue;
    const may = [...(cells[3] ?? "").matchAll(/`([\w.-]+)`/g)].map((m) => m[1]!);
    table.set(layer, new Set(may));
  }
  return table;
}

/** The layers with a table of their own: those named as the first part of an `a/b` row. */
function layered(table: Map<string, Set<string>>): Set<string> {
  return new Set([...table.keys()].filter((key) => key.includes("/")).map((key) => key.split("/")[0]!));
}

/** `operations/contract` for src/operations/contract/definition.ts; undefined outside `layer`. */
function subLayerOf(file: string, layer: string): string | undefined {
  const parts = relative(SRC, file).split(/[\\/]/);
  if (parts[0] !== layer || parts.length < 2) return undefined;
  return `${layer}/${parts[1]!.replace(/\.ts$/, "")}`;
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

const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)"(\.{1,2}\/[^"]+)"/g;

/** Every source file's relative imports, resolved to the .ts file they name. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const targets = [...readFileSync(file, "utf8").matchAll(IMPORT)].map((match) =>
      resolve(dirname(file), match[1]!).replace(/\.js$/, ".ts"),
    );
    graph.set(file, targets);
  }
  return graph;
}

/** The graph's cycles: its strongly connected components of more than one file (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(relative(ROOT, member));
    } while (member !== file);
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe("the layers of docs/architecture.md", () => {
  const table = allowedImports();
  const sublayered = layered(table);

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
        const target = resolve(dirname(file), match[1]!);
        const to = layerOf(target);
        if (to !== from && !table.get(from)?.has(to)) {
          violations.push(`${relative(ROOT, file)} imports ${to} (${match[1]})`);
        }
        if (to !== from || !sublayered.has(from)) continue;
        const fromSub = subLayerOf(file, from)!;
        const toSub = subLayerOf(target, to)!;
        if (fromSub !== toSub && !table.get(fromSub)?.has(toSub.slice(from.length + 1))) {
          violations.push(`${relative(ROOT, file)} imports ${toSub} (${match[1]})`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it("has a row for every entry of a layer with a table of its own", () => {
    for (const layer of sublayered) {
      for (const entry of readdirSync(join(SRC, layer))) {
        const key = `${layer}/${entry.replace(/\.ts$/, "")}`;
        expect(table.has(key), `docs/architecture.md has no row for ${key}`).toBe(true);
      }
    }
  });
});

describe("the imports under src/", () => {
  it("form no cycle, type-only imports included", () => {
    expect(cycles(importGraph())).toEqual([]);
  });
});
