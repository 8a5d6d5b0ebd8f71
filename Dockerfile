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
COPY scripts/bundle.mjs scripts/code-cache.mjs ./scripts/
COPY src ./src
# The build runs discover once for its V8 code cache (scripts/code-cache.mjs): it lists spec/catalog.json.
COPY spec ./spec
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
# Node 24's V8 sizes the young generation from the machine's memory (64 MB semi-spaces here):
# `write` then peaked at ~230 MB RSS, ~120 MB of it new space. 2 MB semi-spaces keep it near
# 118 MB (30k records; issue 14: <= 120 MB). It must be set at start-up, not by the program.
ENV NODE_OPTIONS=--max-semi-space-size=2

WORKDIR /app
# package.json is needed at run time: it declares "type": "module" for dist/ and holds the version.
COPY --from=build --chown=root:root /app/package.json ./package.json
COPY --from=build --chown=root:root /app/bundle ./dist
# `spec` answers from the committed spec/spec.json (no zod at start-up), `discover` lists the
# static operations of spec/catalog.json.
COPY --chown=root:root spec ./spec

# Airbyte mounts config/catalog files and runs the container with its own working directory;
# /airbyte is the writable home of the unprivileged user.
WORKDIR /airbyte
USER airbyte:airbyte

# AIRBYTE_ENTRYPOINT must equal the ENTRYPOINT below, joined by spaces (Airbyte's launcher reads it).
ENV AIRBYTE_ENTRYPOINT="/usr/local/bin/node /app/dist/main.js"
ENTRYPOINT ["/usr/local/bin/node", "/app/dist/main.js"]

LABEL io.airbyte.name=airbyte/destination-whatsapp-flows
LABEL io.airbyte.version=0.1.0
