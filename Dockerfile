# syntax=docker/dockerfile:1
#
# Airbyte destination image: the entrypoint speaks the Airbyte protocol over stdio
# (`spec`, `check --config`, `discover --config`, `write --config --catalog`). The runtime image
# holds the bundled CLI only (esbuild puts zod and undici inside it): no node_modules, no
# TypeScript, tests or dev tools, no emulator.

# Node 24 "Krypton" LTS, pinned to the exact release the tests run on: scripts/image-node.mjs installs
# the same version for .ci/run and the image rehearsal, and a test keeps the two equal.
ARG NODE_IMAGE=node:24.22.3-slim

# --- build: compile TypeScript to /app/dist, then bundle the CLI (dist/main.js + dist/chunks) ---
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/bundle.mjs ./scripts/
COPY src ./src
# The connector's bundle alone goes on: tsc's per-file output (for tests and scripts) imports
# packages that the runtime image does not have, and dist/emulator.js is a development tool.
RUN npm run build && mkdir -p bundle && cp -R dist/main.js dist/main.js.map dist/chunks bundle/

# --- runtime -----------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime

# The base image's `node` user already has uid/gid 1000: rename it rather than add a second
# account, so files keep the uid Airbyte's own connector images run as.
RUN groupmod --new-name airbyte node \
  && usermod --login airbyte --home /airbyte node \
  && mkdir -p /airbyte \
  && chown airbyte:airbyte /airbyte

ENV NODE_ENV=production
# V8's settings for `write`'s memory: peak RSS <= 120 MB however long the sync (bench/README.md
# has the figures with and without each). In NODE_OPTIONS because V8 takes them when it starts.
# - --max-semi-space-size=2: Node 24 sizes the young generation from the machine's memory (64 MB
#   semi-spaces here); records, plans and requests live a few tens of ms and would fill it all.
# - --max-old-space-size=1024: on a heap limit of 2 GB or more V8 lets the old space grow to 4x
#   its live data before a full GC, under it to at most ~1.6x at 1 GB. It is also the ceiling:
#   a sync whose live data (records read ahead) outgrows 1 GB stops with an out-of-memory error.
# V8 flags on node's command line instead (--heap-growing-percent, --liftoff-only; NODE_OPTIONS
# refuses them) would slow every command's start-up: Node then compiles its own built-in
# modules instead of taking the code it ships precompiled for its default flags.
ENV NODE_OPTIONS="--max-semi-space-size=2 --max-old-space-size=1024"
# glibc's malloc with one arena for all threads: V8 compiles undici's HTTP parser (WebAssembly) to
# optimised code on a background thread, and with an arena of its own for that thread the memory
# the compile used can stay resident for the rest of the sync (bench/README.md has the figures).
ENV MALLOC_ARENA_MAX=1

WORKDIR /app
# package.json is needed at run time: it declares "type": "module" for dist/ and holds the version.
COPY --from=build --chown=root:root /app/package.json ./package.json
COPY --from=build --chown=root:root /app/bundle ./dist
# `spec` answers from the committed spec/spec.json (no zod at start-up), `discover` lists the
# static operations of spec/catalog.json.
COPY --chown=root:root spec ./spec

# Airbyte mounts config/catalog files and runs the container with its own working directory;
# /airbyte is the writable home of the unprivileged user. The CLI keeps Node's compile cache in
# os.tmpdir()'s node-compile-cache (src/commands/compile-cache.ts): /tmp, which every user may
# write. Airbyte runs each command in a fresh container, where that cache starts empty.
WORKDIR /airbyte
USER airbyte:airbyte

# AIRBYTE_ENTRYPOINT must equal the ENTRYPOINT below, joined by spaces (Airbyte's launcher reads it).
ENV AIRBYTE_ENTRYPOINT="/usr/local/bin/node /app/dist/main.js"
ENTRYPOINT ["/usr/local/bin/node", "/app/dist/main.js"]

LABEL io.airbyte.name=airbyte/destination-whatsapp-flows
LABEL io.airbyte.version=0.1.0
