// `npm run build`'s second step: src/main.ts and everything it loads (zod, the parts of undici it
// uses) bundled into dist/main.js, each command's own code in dist/chunks/ loaded on demand
// (`discover` as one file of its own, with V8 code compiled at build time: see its build below).
// Why: on Node 20 loading ~300 separate ES modules (zod alone is ~95, most of them locales) cost
// `discover` more than its whole start-up target (issue 14: <= 1.8x `node -e 0`). tsc's per-file
// output stays beside it in dist/ for the scripts, the bench and the tests that import modules;
// the CLI, the image and the e2e tests run this bundle. A bundle's own files resolve package.json
// and spec/ through src/install-root.ts, so chunks at any depth find them.
import { readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { build } from "esbuild";
import { writeCodeCache } from "./code-cache.mjs";

// Chunk names carry a content hash: clear the last build's so dist/ holds only this one's.
rmSync("dist/chunks", { recursive: true, force: true });

/**
 * zod's namespace re-exports its ~50 locales (~360 kB, a third of what discover loads); the
 * connector speaks English only (zod's own default, `en`), so the bundle's locales are `en` alone.
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

/**
 * undici's client.js requires client-h2.js at load, and client-h2.js requires `node:http2` (with
 * `node:tls` under it): ~5 ms of every discover and check on Node 20, for a module used only when
 * a TLS server picks HTTP/2 by ALPN (the connector's Pool never asks for it: `allowH2` is off).
 * The rewrite defers that one require to the first HTTP/2 connection; HTTP/1 never loads it.
 * An undici whose client.js no longer has the line fails the build here, not a run.
 */
const CONNECT_H2_REQUIRE = "const connectH2 = require('./client-h2.js')";
const deferUndiciHttp2 = {
  name: "defer-undici-http2",
  setup(build) {
    build.onLoad({ filter: /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client\.js$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      if (!source.includes(CONNECT_H2_REQUIRE)) {
        throw new Error(`${args.path} no longer has "${CONNECT_H2_REQUIRE}": revisit defer-undici-http2`);
      }
      const deferred = "const connectH2 = (client, socket) => require('./client-h2.js')(client, socket)";
      return { contents: source.replace(CONNECT_H2_REQUIRE, deferred), loader: "js" };
    });
  },
};

const common = {
  bundle: true,
  platform: "node",
  target: "node20.18",
  sourcemap: true,
  logLevel: "warning",
};

await build({
  ...common,
  plugins: [englishOnlyZodLocales, deferUndiciHttp2],
  entryPoints: { main: "src/main.ts" },
  outdir: "dist",
  chunkNames: "chunks/[name]-[hash]",
  format: "esm",
  splitting: true,
  // undici is CommonJS: its require() of Node built-ins needs a real require inside an ES module.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
  },
});

/**
 * `discover` as one CommonJS file of its own (dist/chunks/discover.cjs, everything it loads
 * inside), which main.js runs with V8 code compiled here (src/commands/standalone-command.ts,
 * ./code-cache.mjs). Why: with code splitting, discover loaded 14 files (the chunks it shares with
 * spec, check, write and the emulator), each ES module ~1 ms of Node 20's loader, and ES modules
 * get no code cache on Node 20: one file ~10 ms sooner, its build-time code ~17 ms more (measured).
 * Its classes are its own copies, so runDiscover answers its own errors and nothing else crosses.
 */
await build({
  ...common,
  plugins: [englishOnlyZodLocales, deferUndiciHttp2],
  entryPoints: { discover: "src/commands/discover.ts" },
  outdir: "dist/chunks",
  outExtension: { ".js": ".cjs" },
  format: "cjs",
  // src/install-root.ts finds package.json and spec/ from the module's URL.
  define: { "import.meta.url": "__importMetaUrl" },
  banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
});
await writeCodeCache("dist/chunks/discover.cjs");
