import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  echoedStateMessage,
  InputMessageError,
  MAX_STATE_DEPTH,
  parseInputLine,
  type StateMessage,
} from "../../../src/protocol/index.js";
import { jsonText } from "./support/json-text.js";

/** The line the connector prints for an input STATE line, with these counts. */
function echo(line: string, recordCount = 3, rejected = 0): string {
  const message = parseInputLine(line, 7) as StateMessage;
  expect(message.type).toBe("STATE");
  return echoedStateMessage(message.echo, recordCount, rejected).line;
}

function inputError(line: string): string {
  try {
    parseInputLine(line, 9);
  } catch (error) {
    expect(error).toBeInstanceOf(InputMessageError);
    return (error as Error).message;
  }
  throw new Error("the line was accepted");
}

const streamLine = (streamState: string, pad = "") =>
  `{"type":"STATE",${pad}"state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"s"},"stream_state":${streamState}}}}`;

describe("STATE echo", () => {
  it("keeps number tokens, escapes and key order byte for byte, adding only destinationStats", () => {
    const payload =
      '{"big":9007199254740993,"huge":1e400,"neg":-0,"z":1,"a":2,"e":"caf\\u00e9","raw":"café","slash":"\\/"}';
    const line = streamLine(payload);
    expect(echo(line)).toBe(`${line.slice(0, -2)},"destinationStats":{"recordCount":3}}}`);
    expect(echo(line, 5, 2)).toContain('"destinationStats":{"recordCount":5,"rejectedRecordCount":2}}');
  });

  it("keeps whitespace and extra members of the message and of the state", () => {
    const line =
      ' { "state" : { "data" : { "cursor" : 1 } , "sourceStats" : {"recordCount": 2.0} } , "type" : "STATE" , "x": [] } ';
    expect(echo(line, 2)).toBe(
      '{ "state" : { "data" : { "cursor" : 1 } , "sourceStats" : {"recordCount": 2.0},"destinationStats":{"recordCount":2} } , "type" : "STATE" , "x": [] }',
    );
  });

  it("replaces a destinationStats the state already holds, in its place", () => {
    const line = '{"type":"STATE","state":{"destinationStats":{"recordCount":99},"data":{"c":1}}}';
    expect(echo(line, 1)).toBe(
      '{"type":"STATE","state":{"destinationStats":{"recordCount":1},"data":{"c":1}}}',
    );
  });

  it("an empty state gets destinationStats as its only member", () => {
    expect(echo('{"type":"STATE","state":{ }}', 0)).toBe(
      '{"type":"STATE","state":{"destinationStats":{"recordCount":0} }}',
    );
  });

  it("a carriage return between tokens becomes a space: the platform reads lines", () => {
    expect(echo('{"type":"STATE",\r"state":{"data":{"c":1}\r}}', 1)).toBe(
      '{"type":"STATE", "state":{"data":{"c":1},"destinationStats":{"recordCount":1} }}',
    );
  });

  it("duplicate keys inside the source's payload are echoed as received", () => {
    const line = streamLine('{"cursor":1,"cursor":2}');
    expect(echo(line)).toContain('"stream_state":{"cursor":1,"cursor":2}');
  });

  it("lone surrogate escapes are echoed as received", () => {
    const line = streamLine('{"s":"\\ud800x\\uDFFF"}');
    expect(echo(line)).toContain('{"s":"\\ud800x\\uDFFF"}');
  });

  it("a member the connector reads or writes given twice is an input error naming the line", () => {
    const cases = [
      '{"type":"STATE","state":{"data":{}},"state":{"data":{}}}',
      '{"type":"STATE","type":"STATE","state":{"data":{}}}',
      '{"type":"STATE","state":{"type":"STREAM","type":"GLOBAL","stream":{"stream_descriptor":{"name":"s"}}}}',
      '{"type":"STATE","state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"s","name":"t"}}}}',
      '{"type":"STATE","state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"s"},"stream_descriptor":{"name":"t"}}}}',
      '{"type":"STATE","state":{"data":{},"destinationStats":{},"destinationStats":{}}}',
    ];
    for (const line of cases)
      expect(inputError(line)).toMatch(/^Input line 9: STATE has "[a-z_.A-Z]+" twice/);
  });

  it("a STATE nested 100,000 deep is an input error naming the line, not a stack overflow", () => {
    const deep = streamLine(`${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`);
    expect(inputError(deep)).toContain(
      `Input line 9: STATE nests deeper than ${MAX_STATE_DEPTH} levels: the platform reads at most ${MAX_STATE_DEPTH}`,
    );
    // The message, state and stream objects are 3 of the levels; stream_state has the rest.
    const atLimit = streamLine(`${"[".repeat(MAX_STATE_DEPTH - 3)}${"]".repeat(MAX_STATE_DEPTH - 3)}`);
    expect(echo(atLimit)).toContain('"destinationStats"');
    const over = streamLine(`${"[".repeat(MAX_STATE_DEPTH - 2)}${"]".repeat(MAX_STATE_DEPTH - 2)}`);
    expect(inputError(over)).toMatch(/nests deeper/);
  });

  it("property: for any JSON value as the state's payload, the echo is the input with destinationStats added", () => {
    const pad = fc.constantFrom("", " ", "\n", "\t");
    fc.assert(
      fc.property(jsonText, pad, fc.nat(1000), fc.boolean(), (payload, space, count, global) => {
        const line = global
          ? `{"type":"STATE","state":{"type":"GLOBAL","global":{"shared_state":${payload},${space}"stream_states":[]}}}`
          : streamLine(payload, space);
        const out = echo(line, count);
        const added = `,"destinationStats":{"recordCount":${count}}`;
        const at = out.lastIndexOf(added);
        expect(at).toBeGreaterThan(0);
        expect(out.slice(0, at) + out.slice(at + added.length)).toBe(line.replaceAll("\r", " "));
        expect((JSON.parse(out) as { state: { destinationStats: unknown } }).state.destinationStats).toEqual({
          recordCount: count,
        });
      }),
      { numRuns: 500 },
    );
  });
});
