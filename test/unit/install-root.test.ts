import { describe, expect, it } from "vitest";
import { installedFile, packageRootOf } from "../../src/install-root.js";
import { ROOT } from "../support/cli.js";

describe("packageRootOf (package.json and spec/ found from any file of the build)", () => {
  it.each([
    ["file:///app/dist/main.js", "file:///app/"],
    ["file:///app/dist/chunks/spec-AB12.js", "file:///app/"],
    ["file:///app/dist/commands/spec.js", "file:///app/"],
    ["file:///srv/dist/app/dist/chunks/x.js", "file:///srv/dist/app/"],
    ["file:///work/repo/src/commands/spec.ts", "file:///work/repo/"],
  ])("%s is in the package at %s", (url, root) => {
    expect(packageRootOf(url).href).toBe(root);
  });

  it("the sources' own module finds this checkout's spec/spec.json", () => {
    expect(installedFile("spec/spec.json").pathname).toBe(`${ROOT}/spec/spec.json`);
  });
});
