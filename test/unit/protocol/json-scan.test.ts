import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonScanError, scanJson } from "../../../src/protocol/json-scan.js";
import { jsonText } from "./support/json-text.js";

const accepts = (text: string, maxDepth = 10_000): boolean => {
  try {
    scanJson(text, maxDepth);
    return true;
  } catch (error) {
    if (error instanceof JsonScanError) return false;
    throw error;
  }
};

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe("scanJson", () => {
  it("finds each member of an object with its exact value text, in order, duplicates included", () => {
    const text = ' {"a" : 9007199254740993, "b":{"x":[1e400]},"a":-0 ,"\\u00e9":"\\/"}\n';
    const scanned = scanJson(text, 10);
    expect(text.slice(scanned.start, scanned.end)).toBe(text.trim());
    expect(scanned.members?.map((m) => [m.key, text.slice(m.valueStart, m.valueEnd)])).toEqual([
      ["a", "9007199254740993"],
      ["b", '{"x":[1e400]}'],
      ["a", "-0"],
      ["é", '"\\/"'],
    ]);
    expect(scanJson("[1,2]", 10).members).toBeUndefined();
    expect(scanJson("{ }", 10).members).toEqual([]);
  });

  it("scans a span of a longer text on its own", () => {
    const text = 'xx{"k":[true]}yy';
    const scanned = scanJson(text, 10, 2, 14);
    expect(scanned).toEqual({ start: 2, end: 14, members: [{ key: "k", valueStart: 7, valueEnd: 13 }] });
    expect(() => scanJson(text, 10, 2, 15)).toThrow(JsonScanError);
  });

  it("refuses what JSON refuses", () => {
    for (const bad of [
      "",
      " ",
      "01",
      "1.",
      ".5",
      "-",
      "+1",
      "1e",
      "tru",
      "nul",
      "[1,]",
      "[,1]",
      '{"a":1,}',
      "{a:1}",
      '{"a" 1}',
      '"\\x"',
      '"\t"',
      '"\\u12"',
      '"abc',
      "[1 2]",
      "{} {}",
      "[}",
      "{]",
      "[[]",
      "NaN",
      "Infinity",
    ]) {
      expect(accepts(bad), JSON.stringify(bad)).toBe(false);
      expect(parses(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it("a 100,000-deep value is refused with its depth, without overflowing the stack", () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    expect(() => scanJson(deep, 1000)).toThrow(/nests deeper than 1000 levels/);
    const objects = `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`;
    expect(() => scanJson(objects, 1000)).toThrow(/nests deeper than 1000 levels/);
    // Exactly at the limit it is accepted; the outermost container counts as level 1.
    expect(accepts(`${"[".repeat(1000)}${"]".repeat(1000)}`, 1000)).toBe(true);
    expect(accepts(`${"[".repeat(1001)}${"]".repeat(1001)}`, 1000)).toBe(false);
    expect(accepts("1", 0)).toBe(true);
  });

  it("property: every JSON text is accepted, and each member's text parses to the member's value", () => {
    fc.assert(
      fc.property(jsonText, (text) => {
        const scanned = scanJson(text, 10_000);
        expect(text.slice(scanned.start, scanned.end)).toBe(text.trim());
        const value = JSON.parse(text) as unknown;
        if (scanned.members === undefined) {
          expect(typeof value !== "object" || value === null || Array.isArray(value)).toBe(true);
          return;
        }
        const last = new Map<string, unknown>();
        for (const member of scanned.members) {
          last.set(member.key, JSON.parse(text.slice(member.valueStart, member.valueEnd)));
        }
        // JSON.parse keeps the last of duplicate keys; so does this map.
        expect(Object.fromEntries(last)).toEqual(value);
      }),
      { numRuns: 500 },
    );
  });

  it("property: a mangled JSON text is accepted exactly when JSON.parse accepts it", () => {
    const mangled = fc
      .tuple(
        jsonText,
        fc.nat(),
        fc.constantFrom("", ",", "]", "}", '"', "\\", "0", "-", "e", ".", " ", "\u0001"),
      )
      .map(([text, at, insert]) => {
        const i = text.length === 0 ? 0 : at % text.length;
        // Either drop the character at i, or put `insert` before it.
        return insert === ""
          ? text.slice(0, i) + text.slice(i + 1)
          : text.slice(0, i) + insert + text.slice(i);
      });
    fc.assert(
      fc.property(mangled, (text) => {
        expect(accepts(text)).toBe(parses(text));
      }),
      { numRuns: 2000 },
    );
  });
});
