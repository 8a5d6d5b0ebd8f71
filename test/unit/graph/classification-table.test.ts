import { describe, expect, it } from "vitest";
import { lookupCode, refusedByCode } from "../../../src/graph/classification-table.js";
import { classifyCode } from "../../../src/graph/classify.js";

describe("the classification table: what each Meta code asks of the user", () => {
  it("sends a 131047 (no open customer-service window) to send_flow_template", () => {
    expect(lookupCode(131047)).toEqual({
      kind: "reject",
      reason: expect.stringContaining("send_flow_template"),
    });
  });

  it("rejects undeliverable (131026) and per-user marketing limit (131049) records, never retried", () => {
    expect(lookupCode(131026)?.kind).toBe("reject");
    expect(lookupCode(131049)).toEqual({ kind: "reject", reason: expect.stringContaining("never retried") });
  });

  it("pauses on 131048 and holds only the recipient on a pair limit (131056)", () => {
    expect(lookupCode(131048)?.kind).toBe("pause");
    expect(lookupCode(131056)).toEqual({
      kind: "rate_limit",
      reason: expect.stringContaining("only that recipient"),
    });
    expect(lookupCode(130429)?.kind).toBe("rate_limit");
  });

  it.each([
    [132000, "placeholders"],
    [132001, "APPROVED"],
    [132005, "too long"],
    [132012, "format"],
    [132015, "paused"],
    [132016, "disabled"],
  ])("rejects template error %i saying what to fix (%s)", (code, words) => {
    expect(lookupCode(code)).toMatchObject({ kind: "reject", reason: expect.stringContaining(words) });
  });

  it("names the codes that refuse the template or Flow itself, and only those (no record could escape them)", () => {
    expect([132001, 132015, 132016].map(refusedByCode)).toEqual(["template", "template", "template"]);
    expect(refusedByCode(132068)).toBe("flow");
    // A parameter count or format, a too-long text, a recipient, a throttled Flow: another record may succeed.
    for (const code of [132000, 132005, 132007, 132012, 132099, 131026, 131047, 131009, 100, 132069]) {
      expect(refusedByCode(code), String(code)).toBeUndefined();
    }
    expect(refusedByCode(undefined)).toBeUndefined();
  });

  it("rejects the rest of the template family (1320xx) as a template problem, whatever the HTTP status", () => {
    expect(lookupCode(132099)).toEqual({ kind: "reject", reason: expect.stringContaining("template") });
    expect(classifyCode(132099, undefined, 500).kind).toBe("reject");
    expect(lookupCode(133099)).toBeUndefined();
  });
});
