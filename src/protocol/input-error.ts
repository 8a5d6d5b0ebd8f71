import { SystemError } from "../errors/index.js";

/**
 * Input the platform should never send: a system_error naming the line (and stream where known),
 * never the line's content, which may hold personal data.
 */
export class InputMessageError extends SystemError {
  readonly lineNumber: number;

  constructor(lineNumber: number, problem: string, stream?: string) {
    super(`Input line ${lineNumber}${stream ? ` (stream "${stream}")` : ""}: ${problem}`, {
      code: "ERR_INPUT_MESSAGE",
      hint: "The source or platform sent a message this destination cannot read; check the source connector's output",
    });
    this.lineNumber = lineNumber;
  }
}

/** A RECORD (or unreadable record line) for a stream the configured catalog does not hold. */
export function unknownStreamError(
  lineNumber: number,
  stream: string,
  namespace?: string | null,
): InputMessageError {
  const label = namespace ? `${namespace}.${stream}` : stream;
  return new InputMessageError(
    lineNumber,
    "RECORD for a stream that is not in the configured catalog",
    label,
  );
}
