import { describe, expect, it } from "vitest";
import type { LedgerEntry } from "../../../src/write/ledger/index.js";
import { LedgerIndex, recordIdentity } from "../../../src/write/ledger/index.js";

const identity = (n: number) =>
  recordIdentity({ stream: "invites", operation: "send", record: { to: String(n) } });
const intent = (id: string, at: number): LedgerEntry => ({
  e: "intent",
  id,
  at,
  sync: "1",
  stream: "s",
  op: "o",
});

describe("ledger index of many identities", () => {
  it("knows each of 60,000 identities' first try, outcome and wamid", () => {
    const index = new LedgerIndex();
    const kinds = ["succeeded", "rejected", "ambiguous", "not_called", undefined] as const;
    for (let n = 0; n < 60_000; n++) {
      index.add(intent(identity(n), 1_000 + n));
      const kind = kinds[n % kinds.length];
      if (kind !== undefined) {
        index.add({ e: "outcome", id: identity(n), at: 2_000 + n, kind, wamid: `wamid.${n}` });
      }
    }
    expect(index.size).toBe(60_000);
    const wrong: number[] = [];
    for (let n = 0; n < 60_000; n++) {
      const kind = kinds[n % kinds.length];
      const known = index.get(identity(n));
      const wamid = kind === "succeeded" ? `wamid.${n}` : undefined;
      if (known?.firstTry !== 1_000 + n || known.outcome !== kind || known.wamid !== wamid) wrong.push(n);
    }
    expect(wrong).toEqual([]);
    expect(index.get(identity(60_000))).toBeUndefined();
  });

  it("refuses the identity past its bound with ERR_LEDGER_TOO_LARGE, and still takes outcomes of known ones", () => {
    const index = new LedgerIndex(1_500);
    for (let n = 0; n < 1_500; n++) index.add(intent(identity(n), n));
    expect(() => index.add(intent(identity(1_500), 1))).toThrow(
      expect.objectContaining({ code: "ERR_LEDGER_TOO_LARGE" }),
    );
    index.add({ e: "outcome", id: identity(1_499), at: 2, kind: "succeeded", flow_id: "123" });
    expect(index.get(identity(1_499))).toEqual({
      firstTry: 1_499,
      outcome: "succeeded",
      wamid: undefined,
      flowId: "123",
    });
  });

  it("calls again after an outcome of a kind it does not know, and ignores ids that are not text", () => {
    const index = new LedgerIndex();
    index.add(intent("later", 1));
    index.add({ e: "outcome", id: "later", at: 2, kind: "deferred" } as unknown as LedgerEntry);
    expect(index.get("later")?.outcome).toBe("not_called");
    index.add(intent("odd", 1));
    index.add({ e: "outcome", id: "odd", at: 2, kind: "succeeded", wamid: 17 } as unknown as LedgerEntry);
    expect(index.get("odd")).toMatchObject({ outcome: "succeeded", wamid: undefined });
  });
});
