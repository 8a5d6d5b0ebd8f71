import type { JsonPath } from "./json-path.js";
import type { PositionNode } from "./parse-with-positions.js";

/** 1-based line/column range; the end column is inclusive (Meta's validation_errors convention). */
export interface TextSpan {
  readonly line_start: number;
  readonly line_end: number;
  readonly column_start: number;
  readonly column_end: number;
}

/** Maps offsets to lines once per document; each lookup is a binary search. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    let i = text.indexOf("\n");
    while (i !== -1) {
      this.starts.push(i + 1);
      i = text.indexOf("\n", i + 1);
    }
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }

  span(start: number, end: number): TextSpan {
    const a = this.position(start);
    const b = this.position(Math.max(start, end - 1));
    return { line_start: a.line, line_end: b.line, column_start: a.column, column_end: b.column };
  }
}

/**
 * The node at a path, or the deepest existing ancestor when the path names something absent
 * (a missing property is best shown at the object that lacks it).
 */
export function findNode(root: PositionNode, path: JsonPath): PositionNode {
  let node = root;
  for (const segment of path) {
    const child = node.children?.get(segment);
    if (child === undefined) break;
    node = child;
  }
  return node;
}

export function locate(root: PositionNode, lines: LineIndex, path: JsonPath): TextSpan {
  const node = findNode(root, path);
  return lines.span(node.start, node.end);
}
