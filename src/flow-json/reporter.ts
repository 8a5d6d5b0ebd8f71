import { FLOW_ERROR_TYPE, type FlowJsonErrorCode } from "./error-codes.js";
import { formatPath, type JsonPath } from "./json-path.js";
import { type LineIndex, locate } from "./locate.js";
import type { PositionNode } from "./parse-with-positions.js";
import type { FlowJsonPointer, FlowJsonValidationError } from "./validation-error.js";

/** Where positions come from: present only when the input was JSON text. */
export interface SourceMap {
  readonly root: PositionNode;
  readonly lines: LineIndex;
}

/**
 * Collects findings; resolves JSON paths to text positions only for the findings it keeps.
 * Errors reject the Flow; warnings are for what Meta is seen to accept but does not document,
 * so the record goes on and the user still hears about it.
 */
export class Reporter {
  readonly errors: FlowJsonValidationError[] = [];
  readonly warnings: FlowJsonValidationError[] = [];

  constructor(private readonly source: SourceMap | undefined) {}

  report(
    error: FlowJsonErrorCode,
    message: string,
    paths: JsonPath | readonly JsonPath[],
    errorType: string = FLOW_ERROR_TYPE,
  ): void {
    this.errors.push(this.finding(error, message, paths, errorType));
  }

  warn(code: FlowJsonErrorCode, message: string, paths: JsonPath | readonly JsonPath[]): void {
    this.warnings.push(this.finding(code, message, paths, FLOW_ERROR_TYPE));
  }

  private finding(
    error: FlowJsonErrorCode,
    message: string,
    paths: JsonPath | readonly JsonPath[],
    errorType: string,
  ): FlowJsonValidationError {
    const list = isPathList(paths) ? paths : [paths];
    const pointers = list.map((p) => this.pointer(p));
    const first = pointers[0];
    return {
      error,
      error_type: errorType,
      message,
      ...(first?.line_start === undefined
        ? {}
        : {
            line_start: first.line_start,
            line_end: first.line_end,
            column_start: first.column_start,
            column_end: first.column_end,
          }),
      pointers,
    };
  }

  private pointer(path: JsonPath): FlowJsonPointer {
    const text = formatPath(path);
    if (this.source === undefined) return { path: text };
    return { path: text, ...locate(this.source.root, this.source.lines, path) };
  }
}

function isPathList(paths: JsonPath | readonly JsonPath[]): paths is readonly JsonPath[] {
  return paths.length > 0 && Array.isArray(paths[0]);
}
