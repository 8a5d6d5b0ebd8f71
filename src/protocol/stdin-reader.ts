import { isUtf8 } from "node:buffer";
import type { Readable } from "node:stream";
import { InputMessageError } from "./input-error.js";
import { MAX_RECORD_DEPTH, MAX_RECORD_LINE_BYTES } from "./limits.js";
import { type RawLine, readLineBatches } from "./line-reader.js";
import {
  type InputMessage,
  type RecordMessage,
  recordMessageSchema,
  stateMessageSchema,
  traceMessageSchema,
  type UnreadableRecordMessage,
} from "./messages/input.js";
import { stateEchoOf } from "./state-echo.js";

export interface NumberedMessage {
  readonly lineNumber: number;
  readonly message: InputMessage;
}

/** One line of NDJSON into a typed message; throws InputMessageError for what we cannot read. */
export function parseInputLine(line: string, lineNumber: number): InputMessage {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new InputMessageError(lineNumber, "not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InputMessageError(lineNumber, "not a JSON object (an AirbyteMessage was expected)");
  }
  const type = (value as { type?: unknown }).type;
  switch (type) {
    case "RECORD": {
      if (isWellFormedRecord(value)) {
        if (!nestsDeeperThan(value.record.data, MAX_RECORD_DEPTH)) return value;
        return unreadable(value.record, `nests deeper than ${MAX_RECORD_DEPTH} levels`);
      }
      const parsed = recordMessageSchema.safeParse(value);
      if (!parsed.success) {
        const raw = (value as { record?: { stream?: unknown } }).record;
        const stream = typeof raw?.stream === "string" ? raw.stream : undefined;
        throw new InputMessageError(lineNumber, `RECORD ${describeIssue(parsed.error.issues[0])}`, stream);
      }
      if (nestsDeeperThan(parsed.data.record.data, MAX_RECORD_DEPTH))
        return unreadable(parsed.data.record, `nests deeper than ${MAX_RECORD_DEPTH} levels`);
      return parsed.data;
    }
    case "STATE": {
      // Only STATE lines are scanned for their text (the echo): records stay on JSON.parse alone.
      // JSON.parse itself walks any depth iteratively; the scan bounds what may be echoed.
      const echo = stateEchoOf(line, lineNumber);
      const parsed = stateMessageSchema.safeParse(value);
      if (!parsed.success)
        throw new InputMessageError(lineNumber, `STATE ${describeIssue(parsed.error.issues[0])}`);
      return { ...parsed.data, echo };
    }
    case "TRACE": {
      const parsed = traceMessageSchema.safeParse(value);
      if (!parsed.success)
        throw new InputMessageError(lineNumber, `TRACE ${describeIssue(parsed.error.issues[0])}`);
      return parsed.data;
    }
    default:
      if (typeof type !== "string") throw new InputMessageError(lineNumber, 'has no string "type"');
      return { type: "OTHER", originalType: type };
  }
}

/**
 * The checks of recordMessageSchema, by hand: records are the hot path and a zod parse copies each
 * one. Anything this does not accept goes through the schema, which then names the problem.
 */
function isWellFormedRecord(value: object): value is RecordMessage {
  const record = (value as { record?: unknown }).record;
  if (typeof record !== "object" || record === null || Array.isArray(record)) return false;
  const { stream, namespace, data, emitted_at } = record as Record<string, unknown>;
  return (
    typeof stream === "string" &&
    stream.length > 0 &&
    (namespace === undefined || namespace === null || typeof namespace === "string") &&
    typeof data === "object" &&
    data !== null &&
    !Array.isArray(data) &&
    (emitted_at === undefined || (typeof emitted_at === "number" && Number.isFinite(emitted_at)))
  );
}

function describeIssue(issue: { path: PropertyKey[]; message: string } | undefined): string {
  if (!issue) return "is malformed";
  const path = issue.path.map(String).join(".");
  return path ? `field "${path}" ${issue.message.toLowerCase()}` : issue.message.toLowerCase();
}

function unreadable(
  record: UnreadableRecordMessage["record"] & { readonly data?: Record<string, unknown> },
  problem: string,
): UnreadableRecordMessage {
  const scalars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(record.data ?? {})) {
    if (typeof value === "string" || typeof value === "number") scalars[name] = value;
  }
  return {
    type: "UNREADABLE_RECORD",
    record: { stream: record.stream, namespace: record.namespace },
    ...(record.data === undefined ? {} : { scalars }),
    problem,
  };
}

/** Depth of objects and arrays, walked with a stack of our own: the record may be deeper than ours. */
function nestsDeeperThan(root: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[root, 1]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [value, depth] = next;
    if (depth > limit) return true;
    const children = Array.isArray(value) ? value : Object.values(value as object);
    for (const child of children) {
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** A line whose bytes are not UTF-8: a RECORD is rejected on its stream, anything else is unreadable. */
function parseInvalidUtf8(bytes: Buffer, lineNumber: number): InputMessage {
  const message = parseInputLine(bytes.toString("utf8"), lineNumber);
  // Its fields are not trusted either (U+FFFD may stand in them): the record is named by line only.
  if (message.type === "RECORD" || message.type === "UNREADABLE_RECORD")
    return unreadable(
      { stream: message.record.stream, namespace: message.record.namespace },
      "holds bytes that are not valid UTF-8",
    );
  throw new InputMessageError(lineNumber, "holds bytes that are not valid UTF-8");
}

/**
 * A line over the size cap is never parsed: its stream is read off its head, where the platform
 * writes it (`{"type":"RECORD","record":{"stream":…`). Without one there is no stream to reject
 * it on, and the sync stops naming the line.
 */
function parseOversized(head: Buffer, byteLength: number, lineNumber: number): InputMessage {
  const problem = `is ${byteLength} bytes, over the ${MAX_RECORD_LINE_BYTES}-byte limit of one line`;
  const text = head.toString("utf8");
  const stream =
    /^\s*\{\s*"type"\s*:\s*"RECORD"\s*,\s*"record"\s*:\s*\{[^{]*?"stream"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(
      text,
    );
  if (stream === null) throw new InputMessageError(lineNumber, problem);
  const namespace = /^[^{]*\{[^{]*\{[^{]*?"namespace"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(text);
  return {
    type: "UNREADABLE_RECORD",
    record: {
      stream: JSON.parse(stream[1]!) as string,
      ...(namespace ? { namespace: JSON.parse(namespace[1]!) as string } : {}),
    },
    problem,
  };
}

/**
 * Reads AirbyteMessages from a stream, one per line, numbering lines from 1. Pull-based
 * (`for await`): the stream is read only as fast as the consumer takes messages, so memory stays
 * flat however large the input is.
 */
export async function* readInputMessages(input: Readable): AsyncGenerator<NumberedMessage> {
  for await (const messages of readInputBatches(input)) yield* messages;
}

/**
 * readInputMessages a chunk of the stream at a time: the messages of the lines each chunk
 * completes, in one array (no promise per line). A line that cannot be read ends the batch: the
 * messages before it come first, and the next read throws its InputMessageError.
 */
export async function* readInputBatches(input: Readable): AsyncGenerator<NumberedMessage[]> {
  let lineNumber = 0;
  for await (const lines of readLineBatches(input, MAX_RECORD_LINE_BYTES)) {
    const messages: NumberedMessage[] = [];
    for (const line of lines) {
      lineNumber++;
      let message: InputMessage | undefined;
      try {
        message = messageOf(line, lineNumber);
      } catch (error) {
        if (messages.length > 0) yield messages;
        throw error;
      }
      if (message !== undefined) messages.push({ lineNumber, message });
    }
    if (messages.length > 0) yield messages;
  }
}

/** One line's message; undefined for a blank line. */
function messageOf({ bytes, oversized, byteLength }: RawLine, lineNumber: number): InputMessage | undefined {
  if (oversized) return parseOversized(bytes, byteLength, lineNumber);
  if (!isUtf8(bytes)) return parseInvalidUtf8(bytes, lineNumber);
  const line = bytes.toString("utf8");
  if (line.length === 0 || line.trim().length === 0) return undefined;
  return parseInputLine(line, lineNumber);
}
