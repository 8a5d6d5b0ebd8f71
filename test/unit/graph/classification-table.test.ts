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

  it("stops the sync on a payment problem (134011), naming it and where to fix it", () => {
    expect(lookupCode(134011)).toEqual({
      kind: "config",
      reason: expect.stringMatching(/payment.*WhatsApp Manager/),
    });
  });

  it("rejects only the recipient a country restriction (130497) refuses, saying not to resend", () => {
    expect(lookupCode(130497)).toEqual({
      kind: "reject",
      reason: expect.stringMatching(/country.*do not resend/),
    });
    expect(refusedByCode(130497)).toBeUndefined();
  });

  it.each([131062, 131063, 131064])("rejects %i for its recipient, pointing at Meta's words", (code) => {
    expect(lookupCode(code)).toEqual({ kind: "reject", reason: expect.stringContaining("what Meta says") });
    expect(refusedByCode(code)).toBeUndefined();
  });

  it.each([134100, 134101, 134102])(
    "rejects the Marketing Messages API's refusal %i saying what it takes",
    (code) => {
      expect(lookupCode(code)).toEqual({
        kind: "reject",
        reason: expect.stringMatching(/MARKETING templates.*10 minutes/),
      });
    },
  );

  it("keeps the neighbours of the new codes out of their rows", () => {
    for (const code of [134010, 134012, 134099, 134103, 130496, 130498, 131061, 131065]) {
      expect(lookupCode(code), String(code)).toBeUndefined();
    }
  });
});
