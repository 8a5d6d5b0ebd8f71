import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REDACTED, Redactor } from "../../../src/protocol/index.js";

const SECRET = "EAAG-token+/with spaces&é";

describe("Redactor", () => {
  it("replaces every occurrence of a secret, not only the first", () => {
    const redactor = new Redactor().add(SECRET);
    const text = `a ${SECRET} b ${SECRET} c ${SECRET}`;
    expect(redactor.redact(text)).toBe(`a ${REDACTED} b ${REDACTED} c ${REDACTED}`);
  });

  it("redacts the percent-encoded forms: upper- and lower-case hex, and form encoding", () => {
    const redactor = new Redactor().add(SECRET);
    const upper = encodeURIComponent(SECRET);
    const lower = upper.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
    const form = new URLSearchParams({ q: SECRET }).toString().slice(2);
    for (const encoded of [upper, lower, form]) {
      expect(redactor.redact(`?q=${encoded}&x=${encoded}`)).toBe(`?q=${REDACTED}&x=${REDACTED}`);
    }
  });

  it("redacts a secret JSON-escaped twice (a body kept as a string inside a JSON line)", () => {
    const secret = 'quote"back\\slash-secret';
    const redactor = new Redactor().add(secret);
    const line = JSON.stringify({ body: JSON.stringify({ echoed: secret }) });
    expect(line).not.toContain(secret);
    expect(redactor.redact(line)).not.toMatch(/slash-secret/);
  });

  it("redacts base64 and base64url of a secret at each of the three alignments, wherever it sits", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 4, maxLength: 40 }),
        fc.uint8Array({ maxLength: 5 }),
        fc.uint8Array({ maxLength: 5 }),
        (secret, before, after) => {
          const redactor = new Redactor().add(secret);
          const bytes = Buffer.concat([before, Buffer.from(secret, "utf8"), after]);
          for (const encoded of [bytes.toString("base64"), bytes.toString("base64url")]) {
            const out = redactor.redact(`x ${encoded} y ${encoded}`);
            expect(out.split(REDACTED)).toHaveLength(3);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
