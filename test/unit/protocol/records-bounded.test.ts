import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  type InputMessage,
  MAX_RECORD_DEPTH,
  MAX_RECORD_LINE_BYTES,
  type NumberedMessage,
  parseInputLine,
  readInputMessages,
} from "../../../src/protocol/index.js";
import { readLineBatches } from "../../../src/protocol/line-reader.js";

async function collect(chunks: Array<Buffer | string>): Promise<NumberedMessage[]> {
  const out: NumberedMessage[] = [];
  for await (const item of readInputMessages(Readable.from(chunks))) out.push(item);
  return out;
}

const record = (data: unknown, stream = "s", namespace?: string) =>
  JSON.stringify({ type: "RECORD", record: { stream, ...(namespace ? { namespace } : {}), data } });

/** A record whose data nests `depth` objects deep, built as text (JSON.stringify could not). */
function nestedRecord(depth: number): string {
  return `{"type":"RECORD","record":{"stream":"s","data":${'{"a":'.repeat(depth - 1)}{}${"}".repeat(depth - 1)}}}`;
}

describe("records are bounded at read time", () => {
  it("a record nested deeper than the limit is an unreadable record of its stream, not a crash", () => {
    const deep = parseInputLine(nestedRecord(100_000), 4);
    expect(deep).toEqual({
      type: "UNREADABLE_RECORD",
      record: { stream: "s", namespace: undefined },
      scalars: {},
      problem: `nests deeper than ${MAX_RECORD_DEPTH} levels`,
    } satisfies InputMessage);
    // Exactly at the limit it is an ordinary record.
    expect(parseInputLine(nestedRecord(MAX_RECORD_DEPTH), 5).type).toBe("RECORD");
    expect(parseInputLine(nestedRecord(MAX_RECORD_DEPTH + 1), 5).type).toBe("UNREADABLE_RECORD");
  });

  it("a line over the size cap is rejected on the stream named at its head, without parsing it", async () => {
    const head = '{"type":"RECORD","record":{"namespace":"crm","stream":"big\\"one","data":{"x":"';
    const filler = "y".repeat(1024 * 1024);
    const chunks: string[] = [head];
    for (let sent = head.length; sent <= MAX_RECORD_LINE_BYTES; sent += filler.length) chunks.push(filler);
    chunks.push(`"}}}\n${record({ ok: true })}\n`);
    const items = await collect(chunks);
    expect(items.map((i) => [i.lineNumber, i.message.type])).toEqual([
      [1, "UNREADABLE_RECORD"],
      [2, "RECORD"],
    ]);
    const first = items[0]!.message;
    expect(first).toMatchObject({ record: { stream: 'big"one', namespace: "crm" } });
    expect((first as { problem: string }).problem).toMatch(/over the 33554432-byte limit/);
  });

  it("an oversized line whose stream cannot be found is an input error naming the line", async () => {
    const big = `{"type":"STATE","state":{"data":"${"z".repeat(MAX_RECORD_LINE_BYTES)}"}}\n`;
    await expect(collect([big])).rejects.toThrow(/Input line 1: is \d+ bytes, over the/);
  });

  it("invalid UTF-8 inside a record rejects that record instead of replacing the bytes", async () => {
    const bad = Buffer.concat([
      Buffer.from('{"type":"RECORD","record":{"stream":"s","data":{"body":"caf'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}}}\n'),
    ]);
    const items = await collect([bad, `${record({ ok: 1 })}\n`]);
    expect(items[0]!.message).toEqual({
      type: "UNREADABLE_RECORD",
      record: { stream: "s", namespace: undefined },
      problem: "holds bytes that are not valid UTF-8",
    });
    expect(items[1]!.message.type).toBe("RECORD");
  });

  it("a UTF-8 character split across chunks is read whole", async () => {
    const line = Buffer.from(`${record({ body: "café ☕" })}\n`);
    const cut = line.indexOf(0xe2) + 1;
    const items = await collect([line.subarray(0, cut), line.subarray(cut)]);
    expect((items[0]!.message as unknown as { record: { data: { body: string } } }).record.data.body).toBe(
      "café ☕",
    );
  });
});

describe("readLineBatches", () => {
  it("keeps at most the cap of one line, and only its head when over it", async () => {
    const lines = [];
    for await (const batch of readLineBatches(
      Readable.from(["abc\r\n", "x".repeat(50), "y".repeat(50), "\nlast"]),
      64,
    )) {
      for (const line of batch)
        lines.push({ text: line.bytes.toString(), oversized: line.oversized, byteLength: line.byteLength });
    }
    expect(lines).toEqual([
      { text: "abc", oversized: false, byteLength: 3 },
      { text: "x".repeat(50) + "y".repeat(50), oversized: true, byteLength: 100 },
      { text: "last", oversized: false, byteLength: 4 },
    ]);
  });
});
