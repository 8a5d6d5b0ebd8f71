// The connector's own request rendering, imported from dist/: the CPU section times it and the
// ceiling client uses it so that both sides send byte-identical JSON bodies.
import { DIST, PHONE_ID, TOKEN, WABA_ID } from "./paths.mjs";

const { compileOperations, parseConfig, resolveStreams } = await import(`${DIST}operations/index.js`);

/** A client that must never be called: plan() is pure. */
const NO_CLIENT = {
  request() {
    throw new Error("the bench only plans requests");
  },
};

/**
 * Compiles one operation per `{name: endpoint}` entry; returns {name: {operation, stream}}.
 * `stream` is the ResolvedStream that plan() contexts need.
 */
export function compileEndpoints(endpoints, baseUrl = "https://graph.facebook.com") {
  const names = Object.keys(endpoints);
  const config = parseConfig({
    access_token: TOKEN,
    waba_id: WABA_ID,
    phone_number_id: PHONE_ID,
    api_version: "v23.0",
    base_url: baseUrl,
    streams: names.map((name) => ({ stream_name: name, endpoint: endpoints[name] })),
  });
  const catalog = {
    streams: names.map((name) => ({
      stream: { name, json_schema: { type: "object" }, supported_sync_modes: ["full_refresh"] },
      sync_mode: "full_refresh",
      destination_sync_mode: "append",
    })),
  };
  const streams = resolveStreams(config, catalog);
  const operations = compileOperations(config, streams, { client: NO_CLIENT });
  const out = {};
  for (const [key, stream] of streams) out[stream.name] = { operation: operations.get(key), stream };
  return out;
}

export const contextFor = (stream, i) => ({ stream, recordIndex: i + 1, lineNumber: i + 1 });
