import { describe, expect, it } from "vitest";
import { recordKey } from "../../../src/write/record-key.js";

describe("recordKey: what a user finds a record by, without personal data", () => {
  it("masks the recipient to its last 4 digits and names the Flow by id, else by name", () => {
    expect(recordKey({ to: "+1 (555) 123-4567", flow_id: "900000000000001", body: "private text" })).toBe(
      "to=…4567 flow_id=900000000000001",
    );
    expect(recordKey({ to: 15551234567, flow_name: "welcome" })).toBe('to=…4567 flow_name="welcome"');
    expect(recordKey({ name: "spring_sale", flow_json: {} })).toBe('name="spring_sale"');
    expect(recordKey({ to: "15551234567", template_name: "promo" })).toBe('to=…4567 template_name="promo"');
  });

  it("is undefined for a record without any of those fields, and never throws on odd values", () => {
    expect(recordKey({ body: "hi" })).toBeUndefined();
    expect(recordKey(undefined)).toBeUndefined();
    expect(recordKey({ to: { nested: true }, flow_id: null, name: 3 })).toBeUndefined();
    expect(recordKey({ flow_name: "x".repeat(500) })).toBe(`flow_name="${"x".repeat(64)}…"`);
  });
});
