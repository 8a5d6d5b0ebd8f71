import { afterEach, describe, expect, it, vi } from "vitest";
import type { RecordError } from "../../../src/errors/index.js";
import { defineOperation } from "../../../src/operations/contract/definition.js";
import { field, recordSchema } from "../../../src/operations/records/record-schema.js";
import { ctx, FakeClient, makeConfig } from "./support/fixtures.js";

/**
 * Record schemas are built on first read (issue 14: discover reads none, check and write only
 * their streams'), and what is built lazily checks records exactly as before.
 */
afterEach(() => {
  vi.doUnmock("../../../src/operations/records/record-schema.js");
  vi.resetModules();
});

describe("an operation's record schema", () => {
  it("is built on the definition's first read of `record`, once", () => {
    const build = vi.fn(() => recordSchema({ name: field.text("A name.") }));
    const definition = defineOperation({
      name: "lazy_probe",
      title: "Lazy probe",
      description: "A definition for this test.",
      options: {},
      record: build,
      matchingKeys: [],
      syncModes: ["append"],
      effects: "reads",
      compile: () => {
        throw new Error("not compiled here");
      },
    });
    expect(build).not.toHaveBeenCalled();
    const first = definition.record;
    expect(definition.record).toBe(first);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it("is not built when the definitions load; a stream's first compile builds it and it still names a bad field", async () => {
    vi.resetModules();
    const built = vi.fn();
    vi.doMock("../../../src/operations/records/record-schema.js", async (importOriginal) => {
      const original =
        await importOriginal<typeof import("../../../src/operations/records/record-schema.js")>();
      return {
        ...original,
        recordSchema: (...args: Parameters<typeof original.recordSchema>) => {
          built();
          return original.recordSchema(...args);
        },
      };
    });
    const { configSchema } = await import("../../../src/operations/catalog/connector-config.js");
    const { compileOperation } = await import("../../../src/operations/catalog/registry.js");
    const { createOperationEnv } = await import("../../../src/operations/contract/operation-env.js");
    const { RecordError: FreshRecordError } = await import("../../../src/errors/index.js");
    configSchema.parse({ access_token: "t", waba_id: "1", streams: [] });
    expect(built).not.toHaveBeenCalled();

    const endpoint = { template: "create_flow" };
    const operation = compileOperation(
      createOperationEnv(makeConfig(), new FakeClient()),
      endpoint,
      "streams[0].endpoint",
    );
    expect(built).toHaveBeenCalledTimes(1);
    let rejected: unknown;
    try {
      operation.plan({ categories: ["OTHER"] }, ctx("rows", 1, endpoint));
    } catch (error) {
      rejected = error;
    }
    expect(rejected).toBeInstanceOf(FreshRecordError);
    expect((rejected as RecordError).field).toBe("name");
    expect((rejected as RecordError).message).toContain('field "name" is required');
  });
});
