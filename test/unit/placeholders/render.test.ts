import { describe, expect, it } from "vitest";
import {
  BodyShapeError,
  compileBodyTemplate,
  compileHeaderTemplates,
  compileUrlTemplate,
  MissingPlaceholderFieldError,
  type PlaceholderContext,
  PlaceholderRecordError,
  UnsafePlaceholderValueError,
} from "../../../src/placeholders/index.js";

const config = { waba_id: "102290129340398", phone_number_id: "106540352242922", api_version: "v23.0" };
const ctx = (message: Record<string, unknown>): PlaceholderContext => ({ message, config });

function recordError<T extends PlaceholderRecordError>(
  run: () => unknown,
  type: new (...args: never[]) => T,
): T {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(PlaceholderRecordError);
    return error as T;
  }
  throw new Error("expected a record error");
}

describe("body template", () => {
  it("renders {message.json} as the whole record, typed", () => {
    const body = compileBodyTemplate("{message.json}", "b");
    const record = { a: 1, b: [true, null, "x"], c: { d: 'é\n"' } };
    expect(JSON.parse(body.renderJson(ctx(record)))).toEqual(record);
    expect(body.renderValue(ctx(record))).toBe(record);
  });

  it("keeps values typed when a placeholder is a whole JSON value", () => {
    const body = compileBodyTemplate(
      '{"n": {message.n}, "b": {message.b}, "z": {message.z}, "o": {message.o}, "l": [{message.s}]}',
      "b",
    );
    const rendered = body.renderValue(ctx({ n: 1.5, b: false, z: null, o: { k: [1] }, s: 'q"' }));
    expect(rendered).toEqual({ n: 1.5, b: false, z: null, o: { k: [1] }, l: ['q"'] });
  });

  it("escapes text inside a JSON string and writes objects as their JSON text", () => {
    const body = compileBodyTemplate('{"t": "Hi {message.name}, {message.o} #{message.n} {{x}"}', "b");
    const rendered = body.renderValue(ctx({ name: 'A"\\\n\u2028', o: { a: "b" }, n: 7 }));
    expect(rendered).toEqual({ t: 'Hi A"\\\n\u2028, {"a":"b"} #7 {x}' });
  });

  it("reaches nested fields and array items by dot path, own properties only", () => {
    const body = compileBodyTemplate('{"v": {message.a.list.1.id}}', "b");
    expect(body.renderValue(ctx({ a: { list: [{ id: 1 }, { id: 2 }] } }))).toEqual({ v: 2 });
    const proto = compileBodyTemplate('{"v": {message.constructor}}', "b");
    expect(recordError(() => proto.renderJson(ctx({})), MissingPlaceholderFieldError).path).toBe(
      "message.constructor",
    );
    const length = compileBodyTemplate('{"v": {message.list.length}}', "b");
    expect(() => length.renderJson(ctx({ list: [1] }))).toThrow(MissingPlaceholderFieldError);
  });

  it("renders config values", () => {
    const body = compileBodyTemplate('{"w": "{config.waba_id}", "v": {config.api_version}}', "b");
    expect(body.renderValue(ctx({}))).toEqual({ w: config.waba_id, v: "v23.0" });
    expect([...body.configKeys].sort()).toEqual(["api_version", "waba_id"]);
  });

  it("names the missing dot path and the field, never a record value", () => {
    const body = compileBodyTemplate(
      '{"to": "{message.contact.phone}"}',
      "streams[3].endpoint.body_template",
    );
    const error = recordError(
      () => body.renderJson(ctx({ contact: { email: "secret@example.com" } })),
      MissingPlaceholderFieldError,
    );
    expect(error.code).toBe("ERR_TEMPLATE_FIELD_MISSING");
    expect(error.disposition).toBe("reject_record");
    expect(error.path).toBe("message.contact.phone");
    expect(error.message).toContain("message.contact.phone");
    expect(error.message).toContain("streams[3].endpoint.body_template");
    expect(error.message).not.toContain("secret@example.com");
  });

  it("reports a config value that is not set", () => {
    const body = compileBodyTemplate('{"p": "{config.phone_number_id}"}', "b");
    const error = recordError(
      () => body.renderJson({ message: {}, config: {} }),
      MissingPlaceholderFieldError,
    );
    expect(error.message).toContain("connector config");
  });

  it("renders multipart / urlencoded fields from the top-level keys", () => {
    const body = compileBodyTemplate(
      '{"name": "{message.name}", "categories": {message.c}, "publish": {message.p}}',
      "b",
    );
    const fields = body.renderFields(ctx({ name: "N", c: ["OTHER"], p: true }), "multipart/form-data");
    expect(fields).toEqual([
      ["name", "N"],
      ["categories", '["OTHER"]'],
      ["publish", "true"],
    ]);
  });

  it("rejects a fields body that is not an object", () => {
    const body = compileBodyTemplate("{message.items}", "streams[0].endpoint.body_template");
    for (const items of [[1], "s", 3, null]) {
      const error = recordError(
        () => body.renderFields(ctx({ items }), "x-www-form-urlencoded"),
        BodyShapeError,
      );
      expect(error.code).toBe("ERR_TEMPLATE_BODY_SHAPE");
      expect(error.message).toContain("x-www-form-urlencoded");
    }
  });
});

describe("url template", () => {
  it("renders path segments and query components percent-encoded", () => {
    const url = compileUrlTemplate(
      "https://graph.facebook.com/{config.api_version}/{message.id}/publish?fields={message.f}&x=1#frag",
      "u",
    );
    expect(url.render(ctx({ id: "a/b?c#d", f: "a&b=c d+é" }))).toBe(
      "https://graph.facebook.com/v23.0/a%2Fb%3Fc%23d/publish?fields=a%26b%3Dc%20d%2B%C3%A9&x=1#frag",
    );
    expect(url.origin.host).toBe("graph.facebook.com");
  });

  it("keeps partial-segment placeholders inside their segment", () => {
    const url = compileUrlTemplate("https://h.example/files/{message.name}.json", "u");
    expect(url.render(ctx({ name: "../x" }))).toBe("https://h.example/files/..%2Fx.json");
  });

  it.each([[""], ["."], [".."]])("refuses the segment %j", (id) => {
    const url = compileUrlTemplate("https://h.example/v1/{message.id}/publish", "streams[0].endpoint.url");
    const error = recordError(() => url.render(ctx({ id })), UnsafePlaceholderValueError);
    expect(error.code).toBe("ERR_TEMPLATE_VALUE_UNSAFE");
    expect(error.path).toBe("message.id");
  });

  it("refuses dot segments spelled with %2e or composed from two values", () => {
    const two = compileUrlTemplate("https://h.example/{message.a}{message.b}/x", "u");
    expect(() => two.render(ctx({ a: ".", b: "." }))).toThrow(UnsafePlaceholderValueError);
    const mixed = compileUrlTemplate("https://h.example/%2e{message.a}/x", "u");
    expect(() => mixed.render(ctx({ a: "." }))).toThrow(UnsafePlaceholderValueError);
    expect(mixed.render(ctx({ a: "%2e" }))).toBe("https://h.example/%2e%252e/x");
  });

  it("refuses text that is not valid Unicode", () => {
    const url = compileUrlTemplate("https://h.example/{message.a}", "u");
    expect(() => url.render(ctx({ a: "\ud800" }))).toThrow(UnsafePlaceholderValueError);
  });

  it("allows a URL without a path and a query-only template", () => {
    expect(compileUrlTemplate("https://h.example", "u").render(ctx({}))).toBe("https://h.example");
    expect(compileUrlTemplate("https://h.example?q={message.q}", "u").render(ctx({ q: 1 }))).toBe(
      "https://h.example?q=1",
    );
  });
});

describe("header templates", () => {
  it("renders values with placeholders", () => {
    const headers = compileHeaderTemplates(
      "X-Trace:{message.id}, X-Team : growth,X-V:{config.api_version}",
      "h",
    );
    expect(headers.render(ctx({ id: 42 }))).toEqual({ "X-Trace": "42", "X-Team": "growth", "X-V": "v23.0" });
    expect([...headers.configKeys]).toEqual(["api_version"]);
  });

  it.each([["a\r\nX-Evil: 1"], ["a\nb"], ["a\rb"], ["a\u0000b"], ["a\u0007"], ["snow ☃"]])(
    "refuses the value %j",
    (value) => {
      const headers = compileHeaderTemplates("X-Trace:{message.id}", "h");
      const error = recordError(() => headers.render(ctx({ id: value })), UnsafePlaceholderValueError);
      expect(error.message).not.toContain(value);
    },
  );
});
