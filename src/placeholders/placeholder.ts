import { CONFIG_KEYS, type PlaceholderConfigKey, type PlaceholderContext } from "./placeholder-context.js";
import { PlaceholderSyntaxError } from "./placeholder-syntax-error.js";

/** One `{root.a.b}` occurrence, compiled to a getter (no parsing left for render time). */
export interface Placeholder {
  /** The dot path without braces, e.g. `message.flow.id`; used in error messages. */
  readonly path: string;
  /** Index of the `{` in the config field's text. */
  readonly start: number;
  /** Index just past the `}`. */
  readonly end: number;
  /** Set for `{config.*}`, so that callers can check the config once at load. */
  readonly configKey: PlaceholderConfigKey | undefined;
  /** The value, or undefined when the record/config has none. */
  readonly get: (context: PlaceholderContext) => unknown;
}

const ESCAPE_HINT =
  "Placeholders look like {message.field}, {message.json} or {config.waba_id}; write {{ for a literal {";

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Field-name characters: letters, digits, `_ - $ @`, and anything non-ASCII. */
function isPathChar(code: number): boolean {
  return (
    isAsciiLetter(code) ||
    (code >= 48 && code <= 57) ||
    code === 95 ||
    code === 45 ||
    code === 36 ||
    code === 64 ||
    code >= 0x80
  );
}

/** True when `source[index]` opens a placeholder: `{` followed by a letter. */
export function opensPlaceholder(source: string, index: number): boolean {
  return source.charCodeAt(index) === 123 && isAsciiLetter(source.charCodeAt(index + 1));
}

const CANONICAL_INDEX = /^(?:0|[1-9]\d*)$/;

function messageGetter(keys: readonly string[]): (context: PlaceholderContext) => unknown {
  const isIndex = keys.map((key) => CANONICAL_INDEX.test(key));
  return (context) => {
    let current: unknown = context.message;
    for (let i = 0; i < keys.length; i++) {
      if (typeof current !== "object" || current === null) return undefined;
      const key = keys[i]!;
      // Own properties only: `{message.constructor}` must not reach Object's prototype.
      if (Array.isArray(current) && !isIndex[i]) return undefined;
      if (!Object.hasOwn(current, key)) return undefined;
      current = (current as Record<string, unknown>)[key];
    }
    return current;
  };
}

function configGetter(key: PlaceholderConfigKey): (context: PlaceholderContext) => unknown {
  return (context) => {
    const value = context.config[key];
    return value === undefined || value === "" ? undefined : value;
  };
}

/**
 * Reads the placeholder whose `{` is at `start` (the caller checked `opensPlaceholder`).
 * Throws PlaceholderSyntaxError for an unclosed brace, a bad character, an empty path, an unknown
 * root or an unknown config key.
 */
export function readPlaceholder(source: string, start: number, field: string): Placeholder {
  let end = start + 1;
  while (end < source.length) {
    const code = source.charCodeAt(end);
    if (code === 125) break;
    if (code !== 46 && !isPathChar(code)) {
      const problem =
        code === 123
          ? "unbalanced braces"
          : source.indexOf("}", end) < 0
            ? "unclosed placeholder (missing })"
            : `character ${JSON.stringify(source[end])} not allowed in a placeholder (or a missing })`;
      throw new PlaceholderSyntaxError(
        field,
        source,
        end,
        problem,
        `${ESCAPE_HINT}. Field names may use letters, digits and _ - $ @`,
      );
    }
    end++;
  }
  if (end >= source.length) {
    throw new PlaceholderSyntaxError(field, source, start, "unclosed placeholder (missing })", ESCAPE_HINT);
  }
  const path = source.slice(start + 1, end);
  const [root, ...keys] = path.split(".");
  if (root !== "message" && root !== "config") {
    throw new PlaceholderSyntaxError(field, source, start, `unknown placeholder root "${root}"`, ESCAPE_HINT);
  }
  if (keys.length === 0 || keys.some((key) => key === "")) {
    const hint =
      root === "message"
        ? "Use {message.json} for the whole record or {message.a.b} for a field"
        : ESCAPE_HINT;
    throw new PlaceholderSyntaxError(field, source, start, `empty path in {${path}}`, hint);
  }
  const range = { path, start, end: end + 1 };
  if (root === "config") {
    const key = keys[0] as PlaceholderConfigKey;
    if (keys.length !== 1 || !CONFIG_KEYS.includes(key)) {
      throw new PlaceholderSyntaxError(
        field,
        source,
        start,
        `unknown config value {${path}}`,
        `Use one of ${CONFIG_KEYS.map((k) => `{config.${k}}`).join(", ")}`,
      );
    }
    return { ...range, configKey: key, get: configGetter(key) };
  }
  // `{message.json}` is the whole record; a field named "json" is reached by a deeper path only.
  if (keys.length === 1 && keys[0] === "json") {
    return { ...range, configKey: undefined, get: (context) => context.message };
  }
  return { ...range, configKey: undefined, get: messageGetter(keys) };
}
