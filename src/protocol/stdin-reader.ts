import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { InputMessageError } from "./input-error.js";
import {
  type InputMessage,
  type RecordMessage,
  recordMessageSchema,
  stateMessageSchema,
  traceMessageSchema,
} from "./messages/index.js";

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
      if (isWellFormedRecord(value)) return value;
      const parsed = recordMessageSchema.safeParse(value);
      if (!parsed.success) {
        const raw = (value as { record?: { stream?: unknown } }).record;
        const stream = typeof raw?.stream === "string" ? raw.stream : undefined;
        throw new InputMessageError(lineNumber, `RECORD ${describeIssue(parsed.error.issues[0])}`, stream);
      }
      return parsed.data;
    }
    case "STATE": {
      const parsed = stateMessageSchema.safeParse(value);
      if (!parsed.success)
        throw new InputMessageError(lineNumber, `STATE ${describeIssue(parsed.error.issues[0])}`);
      return parsed.data;
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

/**
 * Reads AirbyteMessages from a stream, one per line, numbering lines from 1. Pull-based
 * (`for await`): readline pauses the stream while the consumer is busy, so memory stays flat
 * however large the input is.
 */
export async function* readInputMessages(input: Readable): AsyncGenerator<NumberedMessage> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (line.length === 0 || line.trim().length === 0) continue;
      yield { lineNumber, message: parseInputLine(line, lineNumber) };
    }
  } finally {
    lines.close();
  }
}
