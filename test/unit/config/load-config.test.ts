import { afterAll, describe, expect, it } from "vitest";
import { loadCatalog, secretsOf } from "../../../src/config/index.js";
import { ConfigError } from "../../../src/errors/index.js";
import { loadConfig, parseConfig } from "../../../src/operations/catalog/connector-config.js";
import { tempDir } from "../../support/temp-files.js";

const valid = {
  access_token: "EAAG-secret-token",
  waba_id: "102290129340398",
  streams: [{ stream_name: "invites", endpoint: { template: "send_published_flow" } }],
};

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("applies the documented defaults", () => {
    const config = parseConfig(valid);
    expect(config.api_version).toBe("v23.0");
    expect(config.base_url).toBe("https://graph.facebook.com");
    expect(config.on_record_error).toBe("reject");
    expect(config.dry_run).toBe(false);
    expect(config.response_webhook).toEqual({ mode: "disabled" });
    expect(config.throughput).toMatchObject({
      messages_per_second: "auto",
      max_concurrency: 16,
      request_timeout_seconds: 30,
    });
  });

  it("keeps unknown fields (saved configs from newer versions still load)", () => {
    expect((parseConfig({ ...valid, future_field: 1 }) as Record<string, unknown>).future_field).toBe(1);
  });

  it.each([
    [{ ...valid, waba_id: "abc" }, "waba_id: must be the numeric WhatsApp Business Account ID"],
    [{ ...valid, api_version: "23" }, 'api_version: must look like "v23.0"'],
    [{ ...valid, streams: {} }, "streams:"],
    [
      { ...valid, streams: [{ stream_name: "x", endpoint: { template: "nope" } }] },
      "streams[0].endpoint.template",
    ],
    [
      { ...valid, streams: [{ stream_name: "x", endpoint: { template: "advanced" } }] },
      "streams[0].endpoint.url: is required",
    ],
    [{ ...valid, throughput: { max_concurrency: 0 } }, "throughput.max_concurrency"],
    [{ ...valid, response_webhook: { mode: "webhook", url: "ftp://x" } }, "response_webhook.url"],
    [{ waba_id: "1", streams: valid.streams }, "access_token: is required"],
  ])("names the JSON path of the problem (%#)", (raw, expected) => {
    const error = errorOf(() => parseConfig(raw));
    expect(error.failureType).toBe("config_error");
    expect(error.message).toContain(expected);
  });

  it("accepts a config without streams (data activation maps streams in the catalog)", () => {
    const { streams: _, ...rest } = valid;
    expect(parseConfig(rest).streams).toEqual([]);
  });

  it("never echoes a value, so a token in the wrong field cannot leak", () => {
    const error = errorOf(() => parseConfig({ ...valid, waba_id: "EAAG-secret-token" }));
    expect(error.message).not.toContain("EAAG-secret-token");
  });
});

describe("loading files", () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());

  it("names the missing file", () => {
    expect(errorOf(() => loadConfig(`${dir.path}/missing.json`)).message).toMatch(
      /config file .*missing.json does not exist/,
    );
  });

  it("names a file that is not JSON", () => {
    const path = dir.file("bad.json", "{ not json");
    expect(errorOf(() => loadConfig(path)).message).toMatch(/config file .*bad.json is not valid JSON/);
  });

  it("names the file and path of a schema error", () => {
    const path = dir.file("config.json", { ...valid, waba_id: 12 });
    expect(errorOf(() => loadConfig(path)).message).toMatch(
      /config file .*config.json: waba_id: must be a string \(text in quotes\), not a number/,
    );
  });

  it("hands every secret to onSecret before validating, so an invalid config's token can still be redacted", () => {
    const path = dir.file("invalid-with-token.json", { ...valid, waba_id: "not-numeric" });
    const seen: string[] = [];
    expect(() => loadConfig(path, (secret) => seen.push(secret))).toThrow(/waba_id/);
    expect(seen).toEqual(["EAAG-secret-token"]);
  });

  it("reads a catalog and names its problems", () => {
    const good = dir.file("catalog.json", {
      streams: [{ stream: { name: "a" }, sync_mode: "full_refresh", destination_sync_mode: "append" }],
    });
    expect(loadCatalog(good).streams[0]!.stream.name).toBe("a");
    const bad = dir.file("catalog-bad.json", { streams: [{ sync_mode: "full_refresh" }] });
    expect(errorOf(() => loadCatalog(bad)).message).toMatch(/streams\[0\]\.stream/);
  });
});

describe("secretsOf", () => {
  it("finds the token, the signing secret and webhook header values even in an invalid config", () => {
    expect(
      secretsOf({
        access_token: "tok",
        waba_id: "not-valid",
        response_webhook: {
          mode: "webhook",
          signing_secret: "sig",
          headers: "Authorization: Bearer hook-key, X-A:b",
        },
      }),
    ).toEqual(["tok", "sig", "Bearer hook-key", "hook-key", "b"]);
  });
});
