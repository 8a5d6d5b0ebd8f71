import { describe, expect, it } from "vitest";
import { destinationCatalog } from "../../../src/operations/index.js";
import {
  type DestinationOperation,
  type MappedStream,
  validateConnection,
} from "./support/platform-validation.js";

/**
 * The platform's rules over discover's real output: what the UI would build passes, and each way
 * of breaking a rule fails, for every operation.
 */
// As the platform reads it: the JSON discover prints.
const operations = JSON.parse(JSON.stringify(destinationCatalog().operations)) as DestinationOperation[];

/**
 * The catalog the UI builds for one operation: every required field mapped, PK = a matching key
 * (the first unless told), its fields mapped too.
 */
function uiMapped(index: number, keyIndex = 0): MappedStream {
  const op = operations[index]!;
  const key = op.matching_keys?.[keyIndex];
  const required = op.json_schema.required ?? [];
  return {
    name: `stream_${index}`,
    destination_object_name: op.object_name,
    destination_sync_mode: op.sync_mode,
    fields: [...required, ...(key ?? []).filter((part) => !required.includes(part))],
    ...(key ? { primary_key: [key] } : {}),
  };
}

describe("Airbyte's connection validation over discover's operations", () => {
  it.each(operations.map((op, i) => [`${op.object_name}/${op.sync_mode}`, i] as const))(
    "%s: a UI-like mapping passes, and the same without one required field fails",
    (_name, index) => {
      const mapped = uiMapped(index);
      expect(validateConnection(operations, [mapped])).toEqual([]);
      const required = operations[index]!.json_schema.required ?? [];
      const key = operations[index]!.matching_keys?.[0] ?? [];
      // Something must be mapped: a required field, or the matching key (flow_id or flow_name).
      expect(required.length + key.length).toBeGreaterThan(0);
      for (const field of required) {
        const without = { ...mapped, fields: mapped.fields.filter((f) => f !== field) };
        expect(validateConnection(operations, [without])).toContain(
          `${mapped.name}: required field ${field} not mapped`,
        );
      }
      for (const field of key.filter((part) => !required.includes(part))) {
        const without = { ...mapped, fields: mapped.fields.filter((f) => f !== field) };
        expect(validateConnection(operations, [without])).toEqual([
          `${mapped.name}: primary key field ${field} not mapped`,
        ]);
      }
    },
  );

  it.each(
    operations.flatMap((op, i) =>
      (op.matching_keys ?? [])
        .slice(1)
        .map((_, k) => [`${op.object_name}/${op.sync_mode}`, i, k + 1] as const),
    ),
  )("%s: a mapping by its other matching key (flow_name) passes too", (_name, index, keyIndex) => {
    const mapped = uiMapped(index, keyIndex);
    expect(mapped.fields).not.toContain("flow_id");
    expect(validateConnection(operations, [mapped])).toEqual([]);
  });

  it("every optional field can be mapped too, and an unknown one cannot", () => {
    for (const [index, op] of operations.entries()) {
      const all = { ...uiMapped(index), fields: Object.keys(op.json_schema.properties as object) };
      expect(validateConnection(operations, [all])).toEqual([]);
      const extra = { ...all, fields: [...all.fields, "shoe_size"] };
      expect(validateConnection(operations, [extra])).toHaveLength(1);
    }
  });

  it("an operation acting on an existing Flow needs the primary key to be its matching key", () => {
    const index = operations.findIndex((op) => op.object_name === "publish_flow");
    const { primary_key: _, ...noKey } = uiMapped(index);
    expect(validateConnection(operations, [noKey])).toEqual([
      `stream_${index}: primary key [] is none of publish_flow's matching keys`,
    ]);
    expect(validateConnection(operations, [{ ...noKey, primary_key: [["id"]] }])).toContain(
      `stream_${index}: primary key [id] is none of publish_flow's matching keys`,
    );
  });

  it("a sync mode the object does not have, and a stream without an object, fail", () => {
    const index = operations.findIndex((op) => op.object_name === "create_flow");
    expect(validateConnection(operations, [{ ...uiMapped(index), destination_sync_mode: "update" }])).toEqual(
      [`stream_${index}: no operation create_flow/update`],
    );
    const { destination_object_name: _, ...unnamed } = uiMapped(index);
    expect(validateConnection(operations, [unnamed])).toEqual([
      `stream_${index}: missing destination object name`,
    ]);
  });
});
