import { describe, expect, it } from "vitest";
import { type ConfiguredCatalog, parseCatalog } from "../../../src/config/index.js";
import { ConfigError } from "../../../src/errors/index.js";
import { parseConfig } from "../../../src/operations/catalog/connector-config.js";
import { resolveStreams } from "../../../src/operations/catalog/resolve-streams.js";
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

describe("resolveStreams with data activation", () => {
  const activation = parseConfig({ access_token: "t", waba_id: "1" });
  const mapped = (object: string, mode: string, extra: Record<string, unknown> = {}) =>
    parseCatalog({
      streams: [
        {
          stream: { name: "rows" },
          destination_sync_mode: mode,
          destination_object_name: object,
          sync_id: 41,
          generation_id: 2,
          minimum_generation_id: 0,
          ...extra,
        },
      ],
    });

  it("takes the operation from destination_object_name, and keeps sync_id and generation_id", () => {
    const stream = resolveStreams(activation, mapped("delete_flow", "soft_delete")).get("rows");
    expect(stream).toMatchObject({
      endpoint: { template: "delete_flow" },
      objectName: "delete_flow",
      syncMode: "soft_delete",
      configPath: "catalog streams[0]",
      syncId: 41,
      generationId: 2,
    });
  });

  it("lets a streams[] entry for the same template contribute its options", () => {
    const both = parseConfig({
      ...activation,
      streams: [{ stream_name: "rows", endpoint: { template: "publish_flow", flow_id: "7" } }],
    });
    expect(resolveStreams(both, mapped("publish_flow", "update")).get("rows")?.endpoint).toEqual({
      template: "publish_flow",
      flow_id: "7",
    });
  });

  it("maps a template's own object (live discover) onto send_flow_template with that template fixed", () => {
    const stream = resolveStreams(
      activation,
      mapped("send_flow_template__spring_promo__pt_BR", "append"),
    ).get("rows");
    expect(stream).toMatchObject({
      endpoint: { template: "send_flow_template", template_name: "spring_promo", language: "pt_BR" },
      objectName: "send_flow_template__spring_promo__pt_BR",
    });
    expect(() => resolveStreams(activation, mapped("send_flow_template__nolanguage", "append"))).toThrow(
      /mapped onto object "send_flow_template__nolanguage", which this destination does not have/,
    );
  });

  it("never applies a * entry to a stream mapped onto an object", () => {
    const wildcard = parseConfig({
      ...activation,
      streams: [{ stream_name: "*", endpoint: { template: "delete_flow" } }],
    });
    expect(resolveStreams(wildcard, mapped("publish_flow", "update")).get("rows")?.endpoint.template).toBe(
      "publish_flow",
    );
  });

  it("refuses advanced as an object: it needs its URL from the config", () => {
    expect(() => resolveStreams(activation, mapped("advanced", "append"))).toThrow(
      /is mapped onto object "advanced", which this destination does not have/,
    );
  });
});

describe("resolveStreams onto a configured stream's object (stream__…)", () => {
  const config = parseConfig({
    access_token: "t",
    waba_id: "1",
    streams: [
      {
        stream_name: "spring",
        endpoint: { template: "send_flow_template", template_name: "spring_promo", language: "en_US" },
      },
      { stream_name: "go_live", namespace: "crm", endpoint: { template: "publish_flow", flow_id: "77" } },
      { stream_name: "*", endpoint: { template: "delete_flow" } },
    ],
  });
  const onto = (object: string, mode: string, name = "contacts") =>
    parseCatalog({
      streams: [{ stream: { name }, destination_sync_mode: mode, destination_object_name: object }],
    });

  it("runs that entry's endpoint, its fixed options included, whatever the catalog stream is called", () => {
    expect(resolveStreams(config, onto("stream__spring", "append")).get("contacts")).toMatchObject({
      name: "contacts",
      objectName: "stream__spring",
      endpoint: { template: "send_flow_template", template_name: "spring_promo", language: "en_US" },
      configPath: "streams[0].endpoint",
    });
    expect(resolveStreams(config, onto("stream__crm__go_live", "update")).get("contacts")).toMatchObject({
      endpoint: { template: "publish_flow", flow_id: "77" },
      configPath: "streams[1].endpoint",
    });
    expect(resolveStreams(config, onto("stream__*", "soft_delete")).get("contacts")?.configPath).toBe(
      "streams[2].endpoint",
    );
  });

  it("refuses an object whose entry is no longer in the config, naming the stream and the object", () => {
    let error: unknown;
    try {
      resolveStreams(config, onto("stream__autumn", "append"));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(
      /^Stream "contacts" \(catalog streams\[0\]\) is mapped onto object "stream__autumn", but no entry of "streams" in the config gives that object/,
    );
    expect((error as Error).message).toMatch(/Run discover again/);
  });

  it("refuses a sync mode the entry's template does not have", () => {
    expect(() => resolveStreams(config, onto("stream__crm__go_live", "append"))).toThrow(
      /uses destination_sync_mode "append", but "publish_flow" has only "update"/,
    );
  });

  it("refuses a stream whose own exact entry is another one (mapped twice)", () => {
    expect(() => resolveStreams(config, onto("stream__*", "soft_delete", "spring"))).toThrow(
      /Stream "spring" \(catalog streams\[0\]\) is mapped twice: onto object "stream__\*" \(streams\[2\]\) by the connection and onto template "send_flow_template" by streams\[0\].*map the stream onto "stream__spring"/,
    );
    expect(resolveStreams(config, onto("stream__spring", "append", "spring")).get("spring")?.configPath).toBe(
      "streams[0].endpoint",
    );
  });

  it("refuses a config where two entries give the same object", () => {
    const twice = parseConfig({ ...config, streams: [...config.streams, config.streams[0]] });
    expect(() => resolveStreams(twice, onto("stream__spring", "append"))).toThrow(
      /streams\[0\] and streams\[3\] would both be offered as object "stream__spring"/,
    );
  });
});
