import { describe, expect, it } from "vitest";
import { recordIdentity } from "../../../src/write/ledger/record-identity.js";

describe("record identity across versions (the ledgers of earlier attempts must still match)", () => {
  it("keeps the identities earlier versions wrote", () => {
    const send = {
      stream: "invites",
      operation: "send_published_flow",
      record: {
        to: "15550001",
        body: { text: "hi", lang: "en" },
        n: 1.5,
        list: [3, null, { b: 1, a: [true, "x"] }],
      },
    };
    expect(recordIdentity(send)).toBe("Pqd64i21UbD04W6wZ0yKA2");
    const keyed = {
      stream: "ns\u0000s",
      operation: "create_flow",
      matchingKey: "flow:name",
      record: { any: 1 },
    };
    expect(recordIdentity(keyed)).toBe("rFShAqCYJ0qlGNECbVnon5");
    const odd = { "": "", nested: { deep: { x: [], y: {} } }, z: '\u2028"q"' };
    expect(recordIdentity({ stream: "é", operation: "advanced", record: odd })).toBe(
      "wXmes17idFCV6bvIlqhIUD",
    );
  });
});
