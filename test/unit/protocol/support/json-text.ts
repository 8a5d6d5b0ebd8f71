import fc from "fast-check";

/**
 * JSON *text* (not values) in the forms a JavaScript round trip would not keep: number tokens
 * beyond double precision or range (9007199254740993, 1e400, -0, 1E+2), escapes next to the raw
 * characters they stand for (\u00e9 and é, \/ and /), lone surrogate escapes, whitespace of every
 * kind, duplicate keys and any key order.
 */
const whitespace = fc.constantFrom("", "", " ", "\n", "\t", "  ", "\r\n");

const numberToken = fc.oneof(
  fc.constantFrom(
    "9007199254740993",
    "1e400",
    "-0",
    "-0.0",
    "1E+2",
    "0.1e-5",
    "123456789012345678901234567890",
  ),
  fc
    .tuple(
      fc.constantFrom("", "-"),
      fc.oneof(fc.constant("0"), fc.stringMatching(/^[1-9][0-9]{0,20}$/)),
      fc.option(fc.stringMatching(/^\.[0-9]{1,8}$/), { nil: "" }),
      fc.option(fc.stringMatching(/^[eE][+-]?[0-9]{1,3}$/), { nil: "" }),
    )
    .map((parts) => parts.join("")),
);

// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings must escape exactly these
const UNESCAPED = /["\\\u0000-\u001f]/g;

const stringPiece = fc.oneof(
  fc.string({ maxLength: 6 }).map((s) => s.replace(UNESCAPED, "")),
  fc.constantFrom(
    "\\u00e9",
    "é",
    "\\/",
    "/",
    '\\"',
    "\\\\",
    "\\n",
    "\\t",
    "\\b\\f\\r",
    "\\ud83d\\ude00",
    "😀",
    "\\ud800",
    "\\uDFFF",
    "\u2028",
  ),
);
export const stringToken = fc.array(stringPiece, { maxLength: 4 }).map((pieces) => `"${pieces.join("")}"`);

const keyToken = fc.oneof(stringToken, fc.constantFrom('"cursor"', '"id"', '"cursor"', '"\\u0069d"'));

export const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    numberToken,
    stringToken,
    fc.constantFrom("true", "false", "null"),
    fc
      .array(fc.tuple(whitespace, tie("value"), whitespace), { maxLength: 4 })
      .chain((items) =>
        whitespace.map((inner) =>
          items.length === 0 ? `[${inner}]` : `[${items.map(([a, v, b]) => `${a}${v}${b}`).join(",")}]`,
        ),
      ),
    fc
      .array(fc.tuple(whitespace, keyToken, whitespace, whitespace, tie("value"), whitespace), {
        maxLength: 4,
      })
      .chain((members) =>
        whitespace.map((inner) =>
          members.length === 0
            ? `{${inner}}`
            : `{${members.map(([a, k, b, c, v, d]) => `${a}${k}${b}:${c}${v}${d}`).join(",")}}`,
        ),
      ),
  ),
})).value;
