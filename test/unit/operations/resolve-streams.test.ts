import { describe, expect, it } from "vitest";
import { type ConfiguredCatalog, parseCatalog } from "../../../src/config/index.js";
import { ConfigError } from "../../../src/errors/index.js";
import { parseConfig } from "../../../src/operations/connector-config.js";
import { resolveStreams } from "../../../src/operations/resolve-streams.js";
import { streamKey } from "../../../src/protocol/stream-key.js";

const config = parseConfig({
  access_token: "t",
  waba_id: "1",
  streams: [
    { stream_name: "invites", endpoint: { template: "send_published_flow" } },
    { stream_name: "invites", namespace: "staging", endpoint: { template: "send_draft_flow" } },
    { stream_name: "*", endpoint: { template: "publish_flow" } },
  ],
});

const catalog = (streams: Array<{ name: string; namespace?: string; mode?: string }>): ConfiguredCatalog =>
  parseCatalog({
    streams: streams.map((s) => ({
      stream: { name: s.name, ...(s.namespace ? { namespace: s.namespace } : {}) },
      sync_mode: "full_refresh",
      destination_sync_mode: s.mode ?? "append",
    })),
  });

describe("resolveStreams", () => {
  it("maps exact names first, then the wildcard", () => {
    const resolved = resolveStreams(config, catalog([{ name: "invites" }, { name: "other" }]));
    expect(resolved.get("invites")?.endpoint.template).toBe("send_published_flow");
    expect(resolved.get("other")?.endpoint.template).toBe("publish_flow");
    expect(resolved.get("other")?.configPath).toBe("streams[2].endpoint");
  });

  it("honours a mapping's namespace", () => {
    const resolved = resolveStreams(config, catalog([{ name: "invites", namespace: "staging" }]));
    // The first exact entry has no namespace, so it matches any namespace and wins by order.
    expect(resolved.get(streamKey("invites", "staging"))?.endpoint.template).toBe("send_published_flow");
  });

  it("refuses a stream nothing maps, naming it", () => {
    const noWildcard = parseConfig({ ...config, streams: config.streams.slice(0, 1) });
    expect(() => resolveStreams(noWildcard, catalog([{ name: "orders" }]))).toThrow(
      /Stream "orders" \(catalog streams\[0\]\) has no destination_object_name and no entry of "streams" maps it/,
    );
  });

  it("refuses destination sync modes other than append", () => {
    let error: unknown;
    try {
      resolveStreams(config, catalog([{ name: "invites", mode: "overwrite" }]));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/destination_sync_mode "overwrite"/);
  });
});
