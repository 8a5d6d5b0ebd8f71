import { InputMessageError } from "./input-error.js";
import { type JsonMember, JsonScanError, scanJson } from "./json-scan.js";
import { MAX_STATE_DEPTH } from "./limits.js";

/**
 * A STATE line as received, cut where `destinationStats` goes: the echo is `head`, the counts,
 * `tail`. Everything else is the source's own text, byte for byte: number tokens the JSON.parse
 * of a JavaScript engine would round (9007199254740993, 1e400, -0), key order, escapes such as
 * \u00e9, whitespace, duplicate keys inside the source's payload. Airbyte commits the state as the
 * destination echoes it, so any change would move the next sync's cursor.
 */
export interface StateEcho {
  readonly head: string;
  readonly tail: string;
}

const STATS = "destinationStats";

/**
 * Cuts a STATE line (already known to be JSON with `type` "STATE") into its echo. The members the
 * connector reads (which scope the state closes) and writes must each appear once: with two,
 * this connector and the platform could read different ones. Throws InputMessageError naming the
 * line for that and for a state nested deeper than MAX_STATE_DEPTH.
 */
export function stateEchoOf(line: string, lineNumber: number): StateEcho {
  const message = scan(line, lineNumber);
  const members = message.members ?? [];
  once(members, "type", "type", lineNumber);
  const state = once(members, "state", "state", lineNumber);
  if (state === undefined) throw new InputMessageError(lineNumber, 'STATE has no "state"');
  const stateObject = scan(line, lineNumber, state);
  const stateMembers = stateObject.members;
  if (stateMembers === undefined)
    throw new InputMessageError(lineNumber, 'STATE "state" must be a JSON object');
  once(stateMembers, "type", "state.type", lineNumber);
  const stats = once(stateMembers, STATS, `state.${STATS}`, lineNumber);
  const stream = once(stateMembers, "stream", "state.stream", lineNumber);
  const descriptor = stream && onceIn(line, lineNumber, stream, "stream_descriptor", "state.stream");
  if (descriptor !== undefined) {
    onceIn(line, lineNumber, descriptor, "name", "state.stream.stream_descriptor");
    onceIn(line, lineNumber, descriptor, "namespace", "state.stream.stream_descriptor");
  }
  // A CR can only be whitespace between tokens (JSON strings escape it); the platform reads
  // lines, and would cut one there.
  const text = (from: number, to: number) => line.slice(from, to).replaceAll("\r", " ");
  if (stats !== undefined) {
    return { head: text(message.start, stats.valueStart), tail: text(stats.valueEnd, message.end) };
  }
  const last = stateMembers.at(-1);
  const at = last === undefined ? stateObject.start + 1 : last.valueEnd;
  const separator = last === undefined ? "" : ",";
  return { head: `${text(message.start, at)}${separator}"${STATS}":`, tail: text(at, message.end) };
}

/** The echo with the destination's counts for the records this state acknowledges. */
export function echoText(echo: StateEcho, stats: Readonly<Record<string, number>>): string {
  return `${echo.head}${JSON.stringify(stats)}${echo.tail}`;
}

function scan(line: string, lineNumber: number, span?: JsonMember) {
  try {
    return scanJson(line, MAX_STATE_DEPTH, span?.valueStart, span?.valueEnd);
  } catch (error) {
    if (!(error instanceof JsonScanError)) throw error;
    const problem = error.problem.startsWith("nests deeper")
      ? `STATE ${error.problem}: the platform reads at most ${MAX_STATE_DEPTH}`
      : `not valid JSON: ${error.message}`;
    throw new InputMessageError(lineNumber, problem);
  }
}

function once(
  members: readonly JsonMember[],
  key: string,
  path: string,
  lineNumber: number,
): JsonMember | undefined {
  let found: JsonMember | undefined;
  for (const member of members) {
    if (member.key !== key) continue;
    if (found !== undefined) {
      throw new InputMessageError(
        lineNumber,
        `STATE has "${path}" twice: which one the platform reads is not defined`,
      );
    }
    found = member;
  }
  return found;
}

/** The member `key` of the object at `span` (undefined when the span is not an object). */
function onceIn(
  line: string,
  lineNumber: number,
  span: JsonMember,
  key: string,
  path: string,
): JsonMember | undefined {
  const members = scan(line, lineNumber, span).members;
  return members === undefined ? undefined : once(members, key, `${path}.${key}`, lineNumber);
}
