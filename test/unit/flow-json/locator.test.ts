import { describe, expect, it } from "vitest";
import { findNode, formatPath, LineIndex, locate, parseWithPositions } from "../../../src/flow-json/index.js";

describe("JSON text locator", () => {
  const text = '{\n  "a": [1, {"b": "x"}],\n  "on-click": true\n}';

  it("parses like JSON.parse", () => {
    const samples = [text, '"\\u00e9\\n"', "[-1.5e3, 0, true, null]", '{"__proto__": 1}', "  {}  "];
    for (const s of samples) expect(parseWithPositions(s).value).toEqual(JSON.parse(s));
    expect(Object.getPrototypeOf(parseWithPositions('{"__proto__": {"x": 1}}').value)).toBe(Object.prototype);
  });

  it("maps a path to the 1-based lines and inclusive columns of the member", () => {
    const { root } = parseWithPositions(text);
    const lines = new LineIndex(text);
    expect(locate(root, lines, ["a", 1, "b"])).toEqual({
      line_start: 2,
      line_end: 2,
      column_start: 13,
      column_end: 20,
    });
    expect(locate(root, lines, ["a"])).toEqual({
      line_start: 2,
      line_end: 2,
      column_start: 3,
      column_end: 22,
    });
    expect(locate(root, lines, [])).toEqual({ line_start: 1, line_end: 4, column_start: 1, column_end: 1 });
  });

  it("falls back to the deepest existing ancestor for an absent path", () => {
    const { root } = parseWithPositions(text);
    expect(findNode(root, ["a", 1, "missing"])).toBe(findNode(root, ["a", 1]));
  });

  it("reports the offset of a syntax error", () => {
    expect(() => parseWithPositions('{"a": 1,}')).toThrow(/property name/);
    for (const bad of ["", "{", "[1 2]", '{"a" 1}', "tru", '"abc', "01", "{} x"]) {
      expect(() => parseWithPositions(bad), bad).toThrow();
      expect(() => JSON.parse(bad), bad).toThrow();
    }
  });

  it("formats paths for people", () => {
    expect(formatPath(["screens", 0, "layout", "children", 1, "on-click-action", "next"])).toBe(
      'screens[0].layout.children[1]["on-click-action"].next',
    );
    expect(formatPath([])).toBe("$");
  });
});
