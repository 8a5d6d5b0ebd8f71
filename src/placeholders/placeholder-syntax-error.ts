import { ConfigError } from "../errors/index.js";

/** Where a problem sits in a config text: "position 12" on one line, "line 3, column 5" otherwise. */
function describePosition(source: string, index: number): string {
  if (!source.includes("\n")) return `position ${index + 1}`;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${index - lineStart + 1}`;
}

/**
 * A URL, header list or body in the config has a placeholder that cannot be compiled. Raised
 * while the config loads, before any record is read: the sync stops with a config_error naming
 * the config field and the place to fix.
 */
export class PlaceholderSyntaxError extends ConfigError {
  /** The config field, e.g. `streams[2].endpoint.body_template`. */
  readonly field: string;
  /** 0-based index into the field's text. */
  readonly position: number;

  constructor(field: string, source: string, position: number, problem: string, hint: string) {
    super(`${field}: ${problem} at ${describePosition(source, position)}`, {
      code: "ERR_TEMPLATE_SYNTAX",
      hint,
    });
    this.field = field;
    this.position = position;
  }
}
