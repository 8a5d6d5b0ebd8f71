import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/errors/index.js";
import {
  compileBodyTemplate,
  compileHeaderTemplates,
  compileUrlTemplate,
  PlaceholderSyntaxError,
} from "../../../src/placeholders/index.js";

const FIELD = "streams[2].endpoint.body_template";

function syntaxError(compile: () => unknown): PlaceholderSyntaxError {
  try {
    compile();
  } catch (error) {
    expect(error).toBeInstanceOf(PlaceholderSyntaxError);
    expect(error).toBeInstanceOf(ConfigError);
    return error as PlaceholderSyntaxError;
  }
  throw new Error("expected a PlaceholderSyntaxError");
}

describe("body template compile errors", () => {
  it.each([
    ['{"a": "{message.name"}', 20, "missing }"],
    ['{"a": {message.name', 6, "unclosed placeholder"],
    ['{"a": "{message.na{me}"}', 18, "unbalanced braces"],
    ['{"a": {payload.x}}', 6, 'unknown placeholder root "payload"'],
    ['{"a": {message}}', 6, "empty path"],
    ['{"a": {message.}}', 6, "empty path"],
    ['{"a": {message..b}}', 6, "empty path"],
    ['{"a": {config.token}}', 6, "unknown config value"],
    ['{"a": {config.waba_id.x}}', 6, "unknown config value"],
    ['{"a": "{message.first name}"}', 21, "not allowed in a placeholder"],
  ])("%s fails at index %i (%s)", (source, position, problem) => {
    const error = syntaxError(() => compileBodyTemplate(source, FIELD));
    expect(error.code).toBe("ERR_TEMPLATE_SYNTAX");
    expect(error.failureType).toBe("config_error");
    expect(error.field).toBe(FIELD);
    expect(error.position).toBe(position);
    expect(error.message).toContain(FIELD);
    expect(error.message).toContain(problem);
    expect(error.message).toContain(`position ${position + 1}`);
    expect(error.hint).toBeTruthy();
  });

  it.each([
    '{"a": "{message.x}" {message.y}}',
    '{"a": 1{message.x}}',
    "{{message.key}: 1}",
    '{"a": {message.x} "b": 2}',
    "hello {message.x}",
    '"{message.x}',
    '{"a": [1, 2}',
  ])("refuses %s: not JSON once placeholders are considered", (source) => {
    const error = syntaxError(() => compileBodyTemplate(source, FIELD));
    expect(error.message).toContain("not valid JSON");
  });

  it("reports line and column in a multi-line template", () => {
    const error = syntaxError(() => compileBodyTemplate('{\n  "a": 1,\n  "b": {nope.x}\n}', FIELD));
    expect(error.message).toContain("line 3, column 8");
  });

  it("accepts JSON braces, escapes and literal braces in strings", () => {
    expect(() =>
      compileBodyTemplate('{"a": {}, "b": {"c": [{}]}, "t": "\\"{{x}\\" }"}', FIELD),
    ).not.toThrow();
    expect(() => compileBodyTemplate("{message.json}", FIELD)).not.toThrow();
    expect(() =>
      compileBodyTemplate('  {"k": "{config.api_version}-{message.a.0.b}"}  ', FIELD),
    ).not.toThrow();
  });
});

describe("url template compile errors", () => {
  const URL_FIELD = "streams[0].endpoint.url";
  it.each([
    ["/v23.0/{message.flow_id}", 0, "absolute"],
    ["ftp://x/{message.a}", 0, "absolute"],
    ["https://{message.host}/v1", 8, "outside the path and query"],
    ["https://graph.facebook.com:{message.port}/", 27, "outside the path and query"],
    ["https://graph.facebook.com/a#{message.f}", 29, "outside the path and query"],
    ["https://graph.facebook.com/a%{message.x}", 29, "cannot follow a %"],
    ["https://graph.facebook.com/a?x=%{message.x}", 32, "cannot follow a %"],
    ["https://graph.facebook.com/{message.a", 27, "unclosed"],
    ["https://graph.facebook.com/{config.secret}", 27, "unknown config value"],
    ["https://exa mple.com/{message.a}", 0, "do not parse"],
  ])("%s fails at index %i", (source, position, problem) => {
    const error = syntaxError(() => compileUrlTemplate(source, URL_FIELD));
    expect(error.position).toBe(position);
    expect(error.message).toContain(problem);
    expect(error.message).toContain(URL_FIELD);
  });
});

describe("request header compile errors", () => {
  const H = "streams[1].endpoint.request_headers";
  it.each([
    ["Authorization:Bearer x", "Authorization is not allowed", "cannot be overridden"],
    ["X-A:1, authorization:{message.t}", "authorization is not allowed", "cannot be overridden"],
    ["AUTHORIZATION:x", "AUTHORIZATION is not allowed", "cannot be overridden"],
    ["Host:evil.example", "Host is not allowed", "URL"],
    ["Content-Length:5", "Content-Length is not allowed", "length"],
    ["Transfer-Encoding:chunked", "Transfer-Encoding is not allowed", "framing"],
    ["Connection:close", "Connection is not allowed", "hop-by-hop"],
    ["Content-Type:text/plain", "Content-Type is not allowed", "content_format"],
    ["X-A:1,x-a:2", "x-a is set twice", "Keep one"],
    ["X-A", "without ':'", "name:value"],
    [":v", "empty header name", "name:value"],
    ["X A:v", "not an HTTP token", "name:value"],
    ["X-{message.n}:v", "not an HTTP token", "placeholders"],
    ["X-A:{message.x", "unclosed", "{{"],
    ["X-A:a\nb", "CR, LF or NUL", "name:value"],
  ])("%j is refused", (source, problem, hint) => {
    const error = syntaxError(() => compileHeaderTemplates(source, H));
    expect(error.message).toContain(problem);
    expect(error.message).toContain(hint);
    expect(error.field).toBe(H);
  });

  it("accepts an empty string and a trailing comma", () => {
    expect(compileHeaderTemplates("", H).headers).toEqual([]);
    expect(compileHeaderTemplates(" X-A : 1 , ", H).headers.map((h) => h.name)).toEqual(["X-A"]);
  });
});
