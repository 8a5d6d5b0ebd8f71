import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/cli.js";

/** A clone stands alone: every relative link in README.md and docs/ lands on a file of the repository. */
const PAGES = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];

describe.each(PAGES)("%s", (page) => {
  const text = readFileSync(join(ROOT, page), "utf8");

  it("links only to files inside the repository (or to web pages)", () => {
    const broken: string[] = [];
    for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1]!.split("#")[0]!;
      if (target === "" || /^[a-z]+:/i.test(target)) continue;
      const path = resolve(dirname(join(ROOT, page)), target);
      if (relative(ROOT, path).startsWith("..") || !existsSync(path)) broken.push(match[1]!);
    }
    expect(broken).toEqual([]);
  });

  it("names no path beside the checkout (../shared)", () => {
    expect(text).not.toMatch(/\.\.\/shared/);
  });
});
