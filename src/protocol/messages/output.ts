/**
 * What we write on stdout. Plain builders rather than zod: these are produced by our own code and
 * validated by the e2e tests against the official protocol schema.
 */
import type { FailureType } from "../../errors/index.js";
import { echoText, type StateEcho } from "../state-echo.js";
import type { StreamDescriptor } from "./input.js";

export type LogLevel = "FATAL" | "ERROR" | "WARN" | "INFO" | "DEBUG" | "TRACE";

/** A message built here, serialised by the writer. */
export interface BuiltMessage {
  readonly type: "SPEC" | "CONNECTION_STATUS" | "LOG" | "TRACE" | "DESTINATION_CATALOG";
  readonly [key: string]: unknown;
}

/**
 * A STATE echo, already serialised: the source's own text with the destination's counts spliced
 * in (see StateEcho), printed exactly as it is.
 */
export class EchoedStateMessage {
  readonly type = "STATE";

  constructor(
    /** The whole message as one line of JSON, without its line break. */
    readonly line: string,
  ) {}
}

export type OutputMessage = BuiltMessage | EchoedStateMessage;

export function specMessage(spec: object): OutputMessage {
  return { type: "SPEC", spec };
}

/** discover's answer (data activation): the operations the destination offers, as built by the caller. */
export function destinationCatalogMessage(catalog: {
  readonly operations: readonly object[];
}): OutputMessage {
  return { type: "DESTINATION_CATALOG", destination_catalog: catalog };
}

export function connectionStatusMessage(status: "SUCCEEDED" | "FAILED", message?: string): OutputMessage {
  return { type: "CONNECTION_STATUS", connectionStatus: message ? { status, message } : { status } };
}

export function logMessage(level: LogLevel, message: string): OutputMessage {
  return { type: "LOG", log: { level, message } };
}

export interface ErrorTraceInput {
  readonly message: string;
  readonly internalMessage?: string;
  readonly stackTrace?: string;
  readonly failureType: FailureType;
  readonly stream?: StreamDescriptor;
}

export function errorTraceMessage(input: ErrorTraceInput, now = Date.now()): OutputMessage {
  const error: Record<string, unknown> = { message: input.message, failure_type: input.failureType };
  if (input.internalMessage) error.internal_message = input.internalMessage;
  if (input.stackTrace) error.stack_trace = input.stackTrace;
  if (input.stream) {
    error.stream_descriptor = input.stream.namespace
      ? { name: input.stream.name, namespace: input.stream.namespace }
      : { name: input.stream.name };
  }
  return { type: "TRACE", trace: { type: "ERROR", emitted_at: now, error } };
}

/** A state as the source sent it, plus the destination's counts; nothing else changes. */
export function echoedStateMessage(
  echo: StateEcho,
  recordCount: number,
  rejectedRecordCount: number,
): EchoedStateMessage {
  const destinationStats: Record<string, number> = { recordCount };
  if (rejectedRecordCount > 0) destinationStats.rejectedRecordCount = rejectedRecordCount;
  return new EchoedStateMessage(echoText(echo, destinationStats));
}
