/**
 * The root of the package a module URL belongs to: everything up to its last `dist/` (the build:
 * tsc's files and the bundle's chunks alike, at any depth) or `src/` (tests running the sources).
 * The bundle moves code between files, so `new URL("../..", import.meta.url)` would depend on
 * which chunk a module landed in.
 */
export function packageRootOf(moduleUrl: string): URL {
  const cut = Math.max(moduleUrl.lastIndexOf("/dist/"), moduleUrl.lastIndexOf("/src/"));
  return cut === -1 ? new URL("../", moduleUrl) : new URL(moduleUrl.slice(0, cut + 1));
}

/** A file of the installed package (package.json, spec/spec.json). */
export function installedFile(path: string): URL {
  return new URL(path, packageRootOf(import.meta.url));
}
