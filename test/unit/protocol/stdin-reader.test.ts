import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  InputMessageError,
  parseInputLine,
  readInputBatches,
  readInputMessages,
} from "../../../src/protocol/index.js";

const record = (stream: string, data: object) =>
  JSON.stringify({ type: "RECORD", record: { stream, data, emitted_at: 1 } });

async function collect(text: string) {
  const out = [];
  for await (const item of readInputMessages(Readable.from([text]))) out.push(item);
  return out;
}

describe("parseInputLine", () => {
  it("reads a RECORD and keeps data by reference-equal content and unknown fields", () => {
    const msg = parseInputLine(
      JSON.stringify({
        type: "RECORD",
        extra: 1,
        record: { stream: "s", namespace: "n", data: { a: 1 }, emitted_at: 5, meta: {} },
      }),
      1,
    );
    expect(msg.type).toBe("RECORD");
    if (msg.type !== "RECORD") throw new Error("unreachable");
    expect(msg.record.data).toEqual({ a: 1 });
    expect(msg.record.namespace).toBe("n");
    expect((msg as Record<string, unknown>).extra).toBe(1);
  });

  it("reads STATE of every kind", () => {
    const stream = parseInputLine(
      JSON.stringify({
        type: "STATE",
        state: { type: "STREAM", stream: { stream_descriptor: { name: "s" }, stream_state: { c: 1 } } },
      }),
      1,
    );
    const global = parseInputLine(
      JSON.stringify({
        type: "STATE",
        state: { type: "GLOBAL", global: { shared_state: {}, stream_states: [] } },
      }),
      2,
    );
    const legacy = parseInputLine(JSON.stringify({ type: "STATE", state: { data: { cursor: 3 } } }), 3);
    expect([stream.type, global.type, legacy.type]).toEqual(["STATE", "STATE", "STATE"]);
  });

  it("accepts the STREAM_STATUS traces the platform forwards and passes over unknown types", () => {
    const trace = parseInputLine(
      JSON.stringify({
        type: "TRACE",
        trace: {
          type: "STREAM_STATUS",
          emitted_at: 1,
          stream_status: { stream_descriptor: { name: "s" }, status: "COMPLETE" },
        },
      }),
      1,
    );
    expect(trace.type).toBe("TRACE");
    expect(parseInputLine(JSON.stringify({ type: "SOMETHING_NEW", x: 1 }), 2)).toEqual({
      type: "OTHER",
      originalType: "SOMETHING_NEW",
    });
    expect(
      parseInputLine(JSON.stringify({ type: "LOG", log: { level: "INFO", message: "hi" } }), 3).type,
    ).toBe("OTHER");
  });

  it.each([
    ["not json {", /Input line 7: not valid JSON/],
    ["[1,2]", /Input line 7: not a JSON object/],
    ['{"no":"type"}', /Input line 7: has no string "type"/],
    ['{"type":"RECORD","record":{"data":{}}}', /Input line 7: RECORD field "record.stream"/],
    ['{"type":"RECORD","record":{"stream":"s"}}', /Input line 7 \(stream "s"\): RECORD field "record.data"/],
    [
      '{"type":"RECORD","record":{"stream":"s","data":[1]}}',
      /Input line 7 \(stream "s"\): RECORD field "record.data" must be a json object/,
    ],
  ])("rejects %s as a system_error naming the line", (line, pattern) => {
    let caught: unknown;
    try {
      parseInputLine(line, 7);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputMessageError);
    expect((caught as InputMessageError).failureType).toBe("system_error");
    expect((caught as Error).message).toMatch(pattern);
  });

  it("never puts record content in the error", () => {
    try {
      parseInputLine('{"type":"RECORD","record":{"stream":"s","data":"+15551234567"}}', 1);
    } catch (error) {
      expect((error as Error).message).not.toContain("15551234567");
    }
  });
});

describe("readInputMessages", () => {
  it("numbers lines from 1, skipping blank lines but counting them, CRLF tolerated", async () => {
    const text = `${record("a", { x: 1 })}\r\n\n${JSON.stringify({ type: "STATE", state: { data: {} } })}\n${record("b", {})}`;
    const items = await collect(text);
    expect(items.map((i) => [i.lineNumber, i.message.type])).toEqual([
      [1, "RECORD"],
      [3, "STATE"],
      [4, "RECORD"],
    ]);
  });

  it("yields nothing for empty input", async () => {
    expect(await collect("")).toEqual([]);
  });

  it("throws on the first bad line with its number after yielding the good ones", async () => {
    const seen: number[] = [];
    await expect(async () => {
      for await (const item of readInputMessages(
        Readable.from([`${record("a", {})}\n{oops\n${record("a", {})}\n`]),
      )) {
        seen.push(item.lineNumber);
      }
    }).rejects.toThrow(/Input line 2: not valid JSON/);
    expect(seen).toEqual([1]);
  });
});

describe("readInputBatches", () => {
  it("hands over the messages of each chunk's complete lines in one batch, numbered as one stream", async () => {
    const lines = [record("s", { id: 1 }), record("s", { id: 2 }), "", record("s", { id: 3 })];
    // The third record is split across the two chunks: it belongs to the second batch.
    const text = `${lines.join("\n")}\n`;
    const cut = text.indexOf('"id":3') + 2;
    const batches = [];
    for await (const batch of readInputBatches(Readable.from([text.slice(0, cut), text.slice(cut)]))) {
      batches.push(batch.map(({ lineNumber, message }) => [lineNumber, message.type]));
    }
    expect(batches).toEqual([
      [
        [1, "RECORD"],
        [2, "RECORD"],
      ],
      [[4, "RECORD"]],
    ]);
  });

  it("a line it cannot read ends its batch: the messages before it come first, then its error", async () => {
    const text = `${record("s", { id: 1 })}\n{not json\n${record("s", { id: 3 })}\n`;
    const iterator = readInputBatches(Readable.from([text]))[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    expect((first.value as { lineNumber: number }[]).map((m) => m.lineNumber)).toEqual([1]);
    await expect(iterator.next()).rejects.toThrow(InputMessageError);
  });
});
