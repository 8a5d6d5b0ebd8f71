import type { Json } from "../../config/index.js";
import { RecordError } from "../../errors/index.js";
import * as z from "../../zod.js";
import type { RecordSchema } from "../contract/definition.js";
import type { RecordContext } from "../contract/operation.js";
import { compileFastCheck } from "./record-fast-check.js";
import { isAbsent } from "./record-fields.js";
import { describeExpected, recordJsonSchema } from "./record-schema.js";

export type RecordCheck = (record: Readonly<Record<string, unknown>>, context: RecordContext) => void;

/**
 * The read-time check of one stream's records, compiled once from its operation's record schema:
 * every field is present when required and of the declared type, before any call is planned.
 * Extra fields pass (classic connections send whole source rows); fields the stream's endpoint
 * fixes in the config (`relaxed`, e.g. a configured flow_id) become optional. A failing record
 * is a RecordError naming the stream, the record and each failing field with what was expected.
 */
export function compileRecordCheck(schema: RecordSchema, relaxed: readonly string[] = []): RecordCheck {
  let checked: z.ZodMiniObject = z.catchall(schema, z.unknown());
  if (relaxed.length > 0) {
    const shape = Object.fromEntries(
      relaxed.filter((name) => name in schema.shape).map((name) => [name, z.nullish(schema.shape[name]!)]),
    );
    checked = z.extend(checked, shape);
  }
  const json = recordJsonSchema(schema);
  const properties = (json.properties ?? {}) as Record<string, { [key: string]: Json }>;
  const expected = new Map(Object.entries(properties).map(([name, node]) => [name, describeExpected(node)]));
  const accepts = compileFastCheck(schema, json, relaxed) ?? (() => false);
  return (record, context) => {
    if (accepts(record)) return;
    const result = checked.safeParse(record);
    if (result.success) return;
    const failing: string[] = [];
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? "");
      if (!failing.includes(name)) failing.push(name);
    }
    const problems = failing.map((name) => {
      const what = expected.get(name) ?? "a valid value";
      return isAbsent(record[name]) ? `"${name}" is required (${what})` : `"${name}" must be ${what}`;
    });
    throw new RecordError(
      `stream "${context.stream.name}" record ${context.recordIndex}: field ${problems.join("; field ")}`,
      { code: "ERR_RECORD_SCHEMA", field: failing[0]! },
    );
  };
}
