import type * as z from "../zod.js";
import { formatJsonPath } from "./issue-path.js";

/**
 * Turns zod's issues into one line per problem a user can act on: the field's JSON path and what
 * to write there. Values are never echoed (a config holds secrets): the JSON type of what was
 * given is named instead, read from the raw config by the issue's path.
 */
export function describeConfigIssues(issues: readonly z.core.$ZodIssue[], raw?: unknown): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${formatJsonPath(issue.path)}: ${describeIssue(issue, valueAt(raw, issue.path))}`)
    .join("; ");
}

/** What a field of each JSON type looks like when written, for "must be …". */
const EXPECTED: Readonly<Record<string, string>> = {
  string: "a string (text in quotes)",
  number: "a number (without quotes)",
  int: "a whole number (without quotes)",
  boolean: "true or false (without quotes)",
  array: "a list [ … ]",
  object: "an object { … }",
};

const MISSING = Symbol("missing");

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let node = raw;
  for (const key of path) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, key)) return MISSING;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "number") return Number.isInteger(value) ? "a number" : "a decimal number";
  if (typeof value === "string") return "a string";
  if (typeof value === "boolean") return "a boolean";
  return "an object";
}

function describeIssue(issue: z.core.$ZodIssue, given: unknown): string {
  const missing = given === MISSING || given === undefined;
  switch (issue.code) {
    case "invalid_union": {
      if (issue.errors.length > 0 || !("options" in issue) || !issue.options) return issue.message;
      const choices = issue.options.map((option) => JSON.stringify(option)).join(", ");
      return missing ? `is required: one of ${choices}` : `must be one of ${choices}`;
    }
    case "invalid_type": {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (missing) return `is required (${expected})`;
      // A schema's own message (it knows better what to write) wins over the generic one.
      if (!issue.message.startsWith("Invalid input")) return issue.message;
      return `must be ${expected}, not ${jsonTypeOf(given)}`;
    }
    case "invalid_value":
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
    case "too_small":
      if (issue.origin === "string" && Number(issue.minimum) === 1) return "must not be empty";
      if (issue.origin === "array") return `must hold at least ${issue.minimum} item(s)`;
      return `must be ${issue.inclusive === false ? "more than" : "at least"} ${issue.minimum}`;
    case "too_big":
      if (issue.origin === "string") return `must be at most ${issue.maximum} characters long`;
      if (issue.origin === "array") return `must hold at most ${issue.maximum} item(s)`;
      return `must be ${issue.inclusive === false ? "less than" : "at most"} ${issue.maximum}`;
    default:
      return issue.message;
  }
}
