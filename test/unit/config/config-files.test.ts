import { afterAll, describe, expect, it } from "vitest";
import { loadCatalog, parseCatalog, secretsOf } from "../../../src/config/index.js";
import { jsonSyntaxErrorPosition } from "../../../src/config/json-syntax.js";
import { loadConfig, parseConfig } from "../../../src/operations/index.js";
import { tempDir } from "../../support/temp-files.js";

const TOKEN = "EAAG-secret-token-0123456789";
const valid = {
  access_token: TOKEN,
  waba_id: "102290129340398",
  streams: [{ stream_name: "invites", endpoint: { template: "send_published_flow" } }],
};
const dir = tempDir();
afterAll(() => dir.cleanup());

const entry = (name: string, namespace?: string) => ({
  stream: { name, ...(namespace ? { namespace } : {}) },
  destination_sync_mode: "append",
});

describe("config and catalog files", () => {
  it("a config that is not JSON is reported by line and column only, never quoting the file", () => {
    const path = dir.file("bad.json", `{\n  "waba_id": "1",\n  ${TOKEN}\n}`);
    expect(() => loadConfig(path)).toThrow(`The config file ${path} is not valid JSON at line 3, column 3`);
    const startsWithToken = dir.file("token.json", TOKEN);
    let message = "";
    try {
      loadConfig(startsWithToken);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/not valid JSON at line 1, column 1\b/);
    expect(message).not.toContain(TOKEN.slice(0, 4));
  });

  it("locates the first syntax error of common mistakes", () => {
    expect(jsonSyntaxErrorPosition('{"a": 1,}')).toEqual({ line: 1, column: 9 });
    expect(jsonSyntaxErrorPosition('{"a": 1}\n{"b": 2}')).toEqual({ line: 2, column: 1 });
    expect(jsonSyntaxErrorPosition('["a"\n "b"]')).toEqual({ line: 2, column: 2 });
    expect(jsonSyntaxErrorPosition('{"a": "tab\there"}')).toEqual({ line: 1, column: 7 });
    expect(jsonSyntaxErrorPosition('{"a": [1, 2.5e3, true, null, {"b": "\\u00e9"}]}')).toBeUndefined();
  });

  it("accepts a UTF-8 byte order mark at the start of a config or catalog file", () => {
    expect(loadConfig(dir.file("bom.json", `\uFEFF${JSON.stringify(valid)}`)).waba_id).toBe(valid.waba_id);
    const catalog = loadCatalog(
      dir.file("bom-catalog.json", `\uFEFF${JSON.stringify({ streams: [entry("a")] })}`),
    );
    expect(catalog.streams).toHaveLength(1);
  });

  it("a stream listed twice in the catalog is a config error naming it", () => {
    expect(() => parseCatalog({ streams: [entry("a"), entry("b", "crm"), entry("b", "crm")] })).toThrow(
      /stream "crm\.b" is listed more than once \(streams\[2\]\)/,
    );
    // The same name in two namespaces is two streams.
    expect(
      parseCatalog({ streams: [entry("b", "crm"), entry("b", "erp"), entry("b")] }).streams,
    ).toHaveLength(3);
  });

  it("a base_url with user:pass@ is a config error that does not echo the credentials", () => {
    let message = "";
    try {
      parseConfig({ ...valid, base_url: "https://admin:hunter22@graph.example.com" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("base_url: must not hold a user name or password");
    expect(message).not.toContain("hunter22");
  });

  it("parses the webhook header list once, in the schema, and refuses malformed lists by field", () => {
    const webhook = (headers: string) => ({
      ...valid,
      response_webhook: { mode: "webhook", url: "https://hooks.example.com/x", headers },
    });
    const config = parseConfig(webhook(" Authorization : Bearer abc , X-Team:growth,"));
    expect(config.response_webhook).toMatchObject({
      headers: { authorization: "Bearer abc", "x-team": "growth" },
    });
    expect(() => parseConfig(webhook("no-colon-secret"))).toThrow(
      /response_webhook\.headers: holds a pair that is not "Name:value"/,
    );
    expect(() => parseConfig(webhook("no-colon-secret"))).not.toThrow(/no-colon-secret/);
  });

  it("counts the values of advanced request_headers, and their literal parts, as secrets", () => {
    const raw = {
      ...valid,
      streams: [
        {
          stream_name: "raw",
          endpoint: { template: "advanced", request_headers: "X-Key:k-12345,X-Sig:sig-{message.id}-tail" },
        },
      ],
    };
    expect(secretsOf(raw)).toEqual([TOKEN, "k-12345", "sig-{message.id}-tail", "sig-", "-tail"]);
  });
});
