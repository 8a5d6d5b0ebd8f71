import { describe, expect, it } from "vitest";
import { compileOperation } from "../../../src/operations/catalog/registry.js";
import { createOperationEnv } from "../../../src/operations/contract/operation-env.js";
import { ctx, FakeClient, makeConfig, rejection } from "./support/fixtures.js";

const env = createOperationEnv(makeConfig(), new FakeClient());
const planOf = (endpoint: { template: string; [k: string]: unknown }) => {
  const operation = compileOperation(env, endpoint, "streams[0].endpoint");
  return (record: Record<string, unknown>) => operation.plan(record, ctx("rows", 4, endpoint));
};

describe("records are checked against their operation's schema when read", () => {
  it("names the stream, the record and each failing field with what was expected", () => {
    const error = rejection(() => planOf({ template: "create_flow" })({ categories: 5, publish: "maybe" }));
    expect(error.code).toBe("ERR_RECORD_SCHEMA");
    expect(error.field).toBe("name");
    expect(error.message).toBe(
      'stream "rows" record 4: field "name" is required (a non-empty string); field "categories" must be a non-empty array of SIGN_UP, SIGN_IN, APPOINTMENT_BOOKING, LEAD_GENERATION, CONTACT_US, CUSTOMER_SUPPORT, SURVEY, OTHER or a non-empty string; field "publish" must be a boolean or "true" or "false"',
    );
  });

  it("takes null for an absent optional field, and lets extra columns through (classic rows)", () => {
    const plan = planOf({ template: "create_flow" })({
      name: "welcome",
      categories: ["OTHER"],
      endpoint_uri: null,
      publish: null,
      _ab_cdc_updated_at: "2026-01-01",
    });
    expect(plan).toBeDefined();
  });

  it("rejects a wrong type even where the plan would convert it", () => {
    const error = rejection(() => planOf({ template: "send_published_flow" })({ to: ["15550001111"] }));
    expect(error.message).toBe(
      'stream "rows" record 4: field "to" must be an international phone number ("+" and 8 to 15 digits) or its digits as an integer',
    );
  });

  it("does not require flow_id when the stream's endpoint fixes the Flow", () => {
    expect(() => planOf({ template: "publish_flow", flow_id: "123" })({})).not.toThrow();
    expect(rejection(() => planOf({ template: "publish_flow" })({})).message).toBe(
      'stream "rows" record 4: field "flow_id" or "flow_name" is required (the stream\'s endpoint fixes no Flow)',
    );
  });

  it("a Flow fixed by name serves every record; fixed by both name and id, the endpoint is refused", () => {
    const plan = planOf({ template: "update_flow_metadata", flow_name: "Order survey" })({ name: "Renamed" });
    expect((plan as { flowName?: string }).flowName).toBe("Order survey");
    expect(() =>
      compileOperation(
        env,
        { template: "publish_flow", flow_id: "1", flow_name: "A" },
        "streams[3].endpoint",
      ),
    ).toThrow(
      /^streams\[3\]\.endpoint: flow_id and flow_name are both set\. Fix the stream's Flow by one of them/,
    );
  });

  it("takes flow_name instead of flow_id, and refuses both at once", () => {
    expect(() => planOf({ template: "publish_flow" })({ flow_name: "Order survey" })).not.toThrow();
    expect(rejection(() => planOf({ template: "publish_flow" })({ flow_name: 7 })).message).toBe(
      'stream "rows" record 4: field "flow_name" must be a non-empty string',
    );
    expect(
      rejection(() => planOf({ template: "delete_flow" })({ flow_id: "1", flow_name: "Order survey" }))
        .message,
    ).toBe('stream "rows" record 4: fields "flow_id" and "flow_name" are both set: give exactly one');
  });
});
