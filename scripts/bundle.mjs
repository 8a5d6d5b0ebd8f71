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
 * Node built-ins undici requires at load that a connector run over HTTP/1 never uses, deferred to
 * their first use by rewriting the line (or expression) that loads each: on Node 20 every
 * built-in module is compiled at its first require, and these were ~12 ms of every discover and
 * check (`node -e "require('node:assert')"` alone takes 3 ms more than `node -e 0`).
 * - client.js → client-h2.js → `node:http2` and `node:tls`: only for a TLS server that picks
 *   HTTP/2 by ALPN (the connector's Pool never asks for it: `allowH2` is off).
 * - `node:http` (eight modules): client.js reads its `maxHeaderSize` for a Client made without
 *   one (ours give one), util.js compares a destroyed stream's class with its IncomingMessage.
 * - `node:assert`: undici only calls `assert(value)`, which throws only for a falsy value, so a
 *   function that loads it for a falsy value throws the same AssertionError.
 * An undici where a rewritten line is gone, or that uses `assert.<member>`, fails the build here.
 */
const UNDICI_REWRITES = [
  {
    file: "lib/dispatcher/client.js",
    from: "const connectH2 = require('./client-h2.js')",
    to: "const connectH2 = (client, socket) => require('./client-h2.js')(client, socket)",
  },
  { file: "lib/dispatcher/client.js", from: "const http = require('node:http')", to: "" },
  {
    file: "lib/dispatcher/client.js",
    from: `const getDefaultNodeMaxHeaderSize = http &&
  http.maxHeaderSize &&
  Number.isInteger(http.maxHeaderSize) &&
  http.maxHeaderSize > 0
  ? () => http.maxHeaderSize
  : () => { throw new InvalidArgumentError('http module not available or http.maxHeaderSize invalid') }`,
    to: `const getDefaultNodeMaxHeaderSize = () => {
  const http = require('node:http')
  if (Number.isInteger(http.maxHeaderSize) && http.maxHeaderSize > 0) return http.maxHeaderSize
  throw new InvalidArgumentError('http module not available or http.maxHeaderSize invalid')
}`,
  },
  { file: "lib/core/util.js", from: "const { IncomingMessage } = require('node:http')", to: "" },
  {
    file: "lib/core/util.js",
    from: "Object.getPrototypeOf(stream).constructor === IncomingMessage",
    to: "Object.getPrototypeOf(stream).constructor === require('node:http').IncomingMessage",
  },
];
const ASSERT_REQUIRE = "const assert = require('node:assert')";
const LAZY_ASSERT =
  "const assert = (value, message) => { if (!value) require('node:assert')(value, message) }";

const deferUndiciRequires = {
  name: "defer-undici-requires",
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]undici[\\/]lib[\\/].*\.js$/ }, (args) => {
      const path = args.path.replaceAll("\\", "/");
      let source = readFileSync(args.path, "utf8");
      for (const rewrite of UNDICI_REWRITES.filter((r) => path.endsWith(`/undici/${r.file}`))) {
        if (source.split(rewrite.from).length !== 2) {
          throw new Error(
            `${args.path} no longer has "${rewrite.from.split("\n")[0]}" once: revisit defer-undici-requires`,
          );
        }
        source = source.replace(rewrite.from, rewrite.to);
        applied.add(rewrite);
      }
      if (source.includes(ASSERT_REQUIRE)) {
        if (/\bassert\.\w/.test(source)) {
          throw new Error(`${args.path} uses assert.<member>: revisit defer-undici-requires`);
        }
        source = source.replace(ASSERT_REQUIRE, LAZY_ASSERT);
      }
      return { contents: source, loader: "js" };
    });
  },
};
const applied = new Set();

/** A file undici renamed would skip its rewrites silently: both bundles hold client.js and util.js. */
function checkUndiciRewrites() {
  const missed = UNDICI_REWRITES.filter((rewrite) => !applied.has(rewrite));
  if (missed.length > 0) {
    throw new Error(`undici/${missed[0].file} was not bundled: revisit defer-undici-requires`);
  }
}

const common = {
  bundle: true,
  platform: "node",
  target: "node20.18",
  sourcemap: true,
  logLevel: "warning",
  plugins: [englishOnlyZodLocales, deferUndiciRequires],
};

await build({
  ...common,
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
  entryPoints: { discover: "src/commands/discover.ts" },
  outdir: "dist/chunks",
  outExtension: { ".js": ".cjs" },
  format: "cjs",
  // Less to read and to check against the code cache on each start (~3 ms on Node 20); names are
  // kept, so a stack trace still says which function.
  minifyWhitespace: true,
  minifySyntax: true,
  // src/install-root.ts finds package.json and spec/ from the module's URL.
  define: { "import.meta.url": "__importMetaUrl" },
  banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
});
checkUndiciRewrites();
await writeCodeCache("dist/chunks/discover.cjs");

// The emulator, a program of its own (src/emulator/main.ts), in one file apart from the CLI's
// chunks: the image ships those chunks, and none of the emulator's code may land in them.
await build({ ...common, entryPoints: { emulator: "src/emulator/main.ts" }, outdir: "dist", format: "esm" });
