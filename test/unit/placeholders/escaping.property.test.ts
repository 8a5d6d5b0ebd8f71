import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compileBodyTemplate,
  compileHeaderTemplates,
  compileUrlTemplate,
  type PlaceholderContext,
  UnsafePlaceholderValueError,
} from "../../../src/placeholders/index.js";

const config = { waba_id: "1", phone_number_id: "2", api_version: "v23.0" };
const ctx = (message: Record<string, unknown>): PlaceholderContext => ({ message, config });

/** Pieces that break naive templating: quotes, escapes, separators, dot segments, CRLF, surrogates. */
const NASTY = [
  '"',
  "\\",
  "/",
  "..",
  ".",
  "%2F",
  "%2e",
  "%",
  "\r",
  "\n",
  "\r\n",
  "\u0000",
  "\t",
  "{",
  "}",
  "{message.x}",
  "?",
  "#",
  "&",
  "=",
  "+",
  " ",
  ",",
  ":",
  "é",
  "😀",
  "\u2028",
  "\ud800",
  "\udfff",
  "a",
  "Z",
  "0",
];
const anyString = fc.oneof(
  fc.string({ unit: fc.constantFrom(...NASTY), maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
    maxLength: 8,
  }),
);
const anyValue = fc.oneof(anyString, fc.jsonValue({ maxDepth: 3 }));
const asText = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
const hasLoneSurrogate = (text: string) => {
  try {
    encodeURIComponent(text);
    return false;
  } catch {
    return true;
  }
};

describe("no record value can break out of its context", () => {
  it("a whole-value placeholder renders valid JSON holding exactly the value", () => {
    const body = compileBodyTemplate(
      '{"before": 1, "x": {message.v}, "list": [{message.v}], "after": "z"}',
      "b",
    );
    fc.assert(
      fc.property(anyValue, (v) => {
        const rendered = JSON.parse(body.renderJson(ctx({ v })));
        expect(Object.keys(rendered)).toEqual(["before", "x", "list", "after"]);
        // Compared as JSON: -0 and 0 are the same JSON number, everything else must match exactly.
        const same = JSON.parse(JSON.stringify(v));
        expect(rendered).toEqual({ before: 1, x: same, list: [same], after: "z" });
      }),
      { numRuns: 500 },
    );
  });

  it("a placeholder inside a JSON string renders text that stays inside that string", () => {
    const body = compileBodyTemplate(
      '{"t": "pre \\"{message.v}\\" post", "{message.v}": 1, "k": "{config.waba_id}"}',
      "b",
    );
    fc.assert(
      fc.property(anyValue, (v) => {
        const rendered = JSON.parse(body.renderJson(ctx({ v })));
        const text = asText(v);
        const expected: Record<string, unknown> = { t: `pre "${text}" post`, [text]: 1, k: "1" };
        expect(rendered).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("a path placeholder never adds or climbs a segment", () => {
    const url = compileUrlTemplate("https://h.example/v1/{message.a}/mid/{message.b}.json/end?x=1", "u");
    fc.assert(
      fc.property(anyValue, anyValue, (a, b) => {
        const aText = asText(a);
        const bText = asText(b);
        let rendered: string;
        try {
          rendered = url.render(ctx({ a, b }));
        } catch (error) {
          expect(error).toBeInstanceOf(UnsafePlaceholderValueError);
          expect(
            aText === "" ||
              aText === "." ||
              aText === ".." ||
              hasLoneSurrogate(aText) ||
              hasLoneSurrogate(bText),
          ).toBe(true);
          return;
        }
        const parsed = new URL(rendered);
        expect(parsed.host).toBe("h.example");
        expect(parsed.search).toBe("?x=1");
        const segments = parsed.pathname.split("/");
        expect(segments).toHaveLength(6);
        expect([segments[0], segments[1], segments[3], segments[5]]).toEqual(["", "v1", "mid", "end"]);
        expect(decodeURIComponent(segments[2]!)).toBe(aText);
        expect(decodeURIComponent(segments[4]!)).toBe(`${bText}.json`);
      }),
      { numRuns: 1000 },
    );
  });

  it("a query placeholder never adds a parameter", () => {
    const url = compileUrlTemplate("https://h.example/p?first={message.a}&{message.k}=v&last=1", "u");
    fc.assert(
      fc.property(anyValue, anyValue, (a, k) => {
        let rendered: string;
        try {
          rendered = url.render(ctx({ a, k }));
        } catch (error) {
          expect(error).toBeInstanceOf(UnsafePlaceholderValueError);
          // Each value is encoded on its own: two halves of a pair in two values are two lone surrogates.
          expect(hasLoneSurrogate(asText(a)) || hasLoneSurrogate(asText(k))).toBe(true);
          return;
        }
        const parsed = new URL(rendered);
        expect(parsed.pathname).toBe("/p");
        expect(parsed.hash).toBe("");
        expect([...parsed.searchParams.entries()]).toEqual([
          ["first", asText(a)],
          [asText(k), "v"],
          ["last", "1"],
        ]);
      }),
      { numRuns: 1000 },
    );
  });

  it("a header value never gains a line", () => {
    const headers = compileHeaderTemplates("X-Trace:pre-{message.v},X-Other:1", "h");
    fc.assert(
      fc.property(anyValue, (v) => {
        const text = asText(v);
        let rendered: Record<string, string>;
        try {
          rendered = headers.render(ctx({ v }));
        } catch (error) {
          expect(error).toBeInstanceOf(UnsafePlaceholderValueError);
          expect(/[^\t\x20-\x7e\x80-\xff]/.test(text)).toBe(true);
          return;
        }
        expect(rendered).toEqual({ "X-Trace": `pre-${text}`, "X-Other": "1" });
        const block = Object.entries(rendered)
          .map(([name, value]) => `${name}: ${value}\r\n`)
          .join("");
        expect(block.split(/\r\n|\r|\n/).filter((line) => line !== "")).toHaveLength(2);
        expect(block.includes("\u0000")).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
