import { jsonLinesEntry } from "../../object-storage/index.js";

/** The answers whose recipients are remembered across syncs, and what each means. */
export const SUPPRESSION_CODES = [131050, 131049, 130472] as const;
export type SuppressionCode = (typeof SUPPRESSION_CODES)[number];

export const SUPPRESSION_MEANING: Readonly<Record<SuppressionCode, string>> = {
  131050: "the recipient stopped marketing messages from the business",
  131049: "Meta's per-user marketing limit: the recipient got enough marketing messages",
  130472: "the recipient's number is part of a Meta marketing experiment",
};

export function isSuppressionCode(code: unknown): code is SuppressionCode {
  return (SUPPRESSION_CODES as readonly unknown[]).includes(code);
}

/**
 * One line of the suppression list. `from` is the sender (phone_number_id), `to` the recipient as
 * sent (`+` and digits): the pair is the key. Lines apply in the order written; the last word
 * about a pair wins.
 */
export interface SuppressEntry {
  readonly e: "suppress";
  readonly from: string;
  readonly to: string;
  readonly code: SuppressionCode;
  /** Epoch milliseconds of Meta's answer. */
  readonly at: number;
  readonly sync: string;
}

/** A record said the recipient opted in again (`clear_opt_out: true`): whatever was remembered goes. */
export interface ClearEntry {
  readonly e: "clear";
  readonly from: string;
  readonly to: string;
  readonly at: number;
  readonly sync: string;
}

export type SuppressionEntry = SuppressEntry | ClearEntry;

/** What is wrong with a line, in words for the user (the caller names the object). */
export class SuppressionLineUnreadable extends Error {}

/** A line's entry; undefined for an entry of a kind this version does not know; throws for a damaged one. */
export function suppressionLine(line: string, lineNumber: number): SuppressionEntry | undefined {
  const entry = jsonLinesEntry(
    line,
    lineNumber,
    "a suppression entry",
    (reason) => new SuppressionLineUnreadable(reason),
  );
  if (entry.e !== "suppress" && entry.e !== "clear") return undefined;
  const complete =
    typeof entry.from === "string" &&
    typeof entry.to === "string" &&
    typeof entry.at === "number" &&
    Number.isFinite(entry.at) &&
    (entry.e === "clear" || isSuppressionCode(entry.code));
  if (!complete) {
    throw new SuppressionLineUnreadable(`line ${lineNumber} is a suppression ${entry.e} without its fields`);
  }
  return entry as unknown as SuppressionEntry;
}
