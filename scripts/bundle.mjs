// `npm run build`'s second step: esbuild bundles the connector's CLI (src/main.ts and what it
// loads, zod and undici included) into dist/main.js, each command's own code in dist/chunks/,
// loaded when that command runs. The image ships these files alone, without node_modules. tsc's
// per-file output stays beside them in dist/ for the scripts and the tests that import modules.
// The emulator is a program of its own (src/emulator/main.ts), bundled apart into
// dist/emulator.js so that none of its code lands in the connector's chunks.
// Figures for what the bundle saves at start-up: bench/README.md.
import { realpathSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

/**
 * zod's namespace re-exports its ~50 locales (~360 kB); the connector speaks English only (zod's
 * own default, `en`), so the bundle resolves zod's locale index to a module exporting `en` alone.
 * No source is rewritten: only which module an import names.
 */
const englishOnlyZodLocales = {
  name: "english-only-zod-locales",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes("/node_modules/zod/")
        ? { path: join(dirname(args.importer), "../locales/en.js"), namespace: "zod-locales" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};

const common = {
  bundle: true,
  platform: "node",
  target: "node20.18",
  format: "esm",
  sourcemap: true,
  logLevel: "warning",
  plugins: [englishOnlyZodLocales],
};

/**
 * How the CLI's code is bundled, for anything that must load as the CLI loads: the bench bundles
 * undici's public entry with these to measure the start-up floor `discover` stands on.
 */
export const CLI_BUNDLE_OPTIONS = {
  ...common,
  // The AWS SDK's packages name their ES modules in "module": with those, esbuild keeps only what
  // the S3 store uses and leaves the SDK's own lazy imports (credential providers, STS) lazy.
  mainFields: ["module", "main"],
  // undici is CommonJS: its require() of Node built-ins needs a real require inside an ES module.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
  },
};

// Run as a script (`npm run build`), not when imported for its options. Node resolves symlinks in
// import.meta.url, so the script's path is compared resolved too.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  // Chunk names carry a content hash: clear the last build's so dist/ holds only this one's.
  rmSync("dist/chunks", { recursive: true, force: true });
  await build({
    ...CLI_BUNDLE_OPTIONS,
    entryPoints: { main: "src/main.ts" },
    outdir: "dist",
    chunkNames: "chunks/[name]-[hash]",
    splitting: true,
  });
  await build({ ...common, entryPoints: { emulator: "src/emulator/main.ts" }, outdir: "dist" });
}
