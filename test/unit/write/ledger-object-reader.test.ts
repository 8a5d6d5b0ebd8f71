import { describe, expect, it } from "vitest";
import type { LedgerEntry } from "../../../src/write/ledger/ledger-entry.js";
import {
  LedgerObjectUnreadable,
  MAX_LEDGER_LINE_CHARS,
  readLedgerEntries,
} from "../../../src/write/ledger/ledger-object-reader.js";

const intent = (id: string) => JSON.stringify({ e: "intent", id, at: 1, sync: "s", stream: "é", op: "o" });

/** The bytes cut into pieces of `size`, so that lines and characters straddle chunks. */
function pieces(text: string | Buffer, size: number): Uint8Array[] {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

async function read(chunks: Uint8Array[]): Promise<LedgerEntry[] | string> {
  const entries: LedgerEntry[] = [];
  try {
    await readLedgerEntries(chunks, (entry) => entries.push(entry));
    return entries;
  } catch (error) {
    if (error instanceof LedgerObjectUnreadable) return error.message;
    throw error;
  }
}

describe("reading a ledger object as it arrives", () => {
  it("applies every entry in order whatever the chunking, skipping kinds of a later version", async () => {
    const text = `${intent("a")}\n{"e":"later_kind","x":1}\n\n${intent("b")}\n`;
    for (const size of [1, 2, 3, 7, 64, 4096]) {
      const entries = await read(pieces(text, size));
      expect(entries, `chunks of ${size}`).toEqual([JSON.parse(intent("a")), JSON.parse(intent("b"))]);
    }
  });

  it("names what is wrong with a damaged object", async () => {
    expect(await read([])).toMatch(/it is empty/);
    expect(await read(pieces("\n\n", 1))).toMatch(/holds no entry/);
    expect(await read(pieces(`${intent("a")}\n${intent("b").slice(0, 20)}`, 5))).toMatch(
      /last line \(line 2\) does not end with a newline: the object was cut short/,
    );
    expect(await read(pieces(`${intent("a")}\nnot json\n`, 8))).toMatch(/line 2 is not JSON/);
    expect(await read(pieces("[1]\n", 8))).toMatch(/line 1 is not a JSON object/);
    expect(await read(pieces('{"id":"a","at":1}\n', 8))).toMatch(/line 1 is not a ledger entry/);
    expect(await read(pieces('{"e":"outcome","id":"a","at":1}\n', 8))).toMatch(
      /ledger outcome without its fields/,
    );
    expect(await read(pieces(Buffer.from([0x7b, 0xff, 0xfe, 0x0a]), 2))).toMatch(/not UTF-8 text/);
    // A character cut by the end of the object is not text either.
    expect(
      await read(pieces(Buffer.concat([Buffer.from(`${intent("a")}\n`), Buffer.from([0xc3])]), 4)),
    ).toMatch(/not UTF-8 text/);
  });

  it("refuses a line longer than a ledger line can be, without holding more of it", async () => {
    const long = "x".repeat(MAX_LEDGER_LINE_CHARS + 10);
    expect(await read(pieces(long, 1024))).toMatch(/line 1 is longer than/);
  });
});
