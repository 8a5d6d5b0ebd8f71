/**
 * The parts of undici the connector uses, each from its own file. undici's index loads every
 * dispatcher, fetch, WebSocket, the caches and the mocks (~60 ms of a short command's start-up on
 * Node 20, and a bundler cannot leave out CommonJS it cannot see through); these four files are
 * what a keep-alive Pool with our own connector and dispatch handler needs. The types are undici's
 * own (./undici-files.d.ts points each file at them); an upgrade that moves a file fails the
 * bundle step of the build, which resolves each one, rather than a run. `pool.request()` is not among them (the
 * index adds it to every dispatcher): the S3 client, which uses it, imports undici itself.
 */
import buildConnector from "undici/lib/core/connect.js";
import errors from "undici/lib/core/errors.js";
import util from "undici/lib/core/util.js";
import Pool from "undici/lib/dispatcher/pool.js";

export { buildConnector, errors, Pool, util };
