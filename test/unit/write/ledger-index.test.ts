import fc from "fast-check";
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

describe("ledger index against its rules, on random histories", () => {
  type Known = { firstTry: number; outcome: string | undefined; wamid?: string; flowId?: string };
  const KINDS = ["succeeded", "rejected", "ambiguous", "not_called", "deferred"] as const;
  /** The rules as the index's comment states them, over a Map: what the index must agree with. */
  const model = (entries: LedgerEntry[]) => {
    const calls = new Map<string, Known>();
    for (const entry of entries) {
      const call = calls.get(entry.id) ?? { firstTry: entry.at, outcome: undefined };
      calls.set(entry.id, call);
      if (entry.e === "intent") {
        call.firstTry = Math.min(call.firstTry, entry.at);
        if (call.outcome !== "succeeded" && call.outcome !== "ambiguous") call.outcome = undefined;
      } else if (call.outcome !== "succeeded") {
        call.outcome = (KINDS as readonly string[]).slice(0, 4).includes(entry.kind)
          ? entry.kind
          : "not_called";
        if (entry.kind === "succeeded") Object.assign(call, { wamid: entry.wamid, flowId: entry.flow_id });
      }
    }
    return calls;
  };
  // Identities as the connector makes them, and ids of other forms, sharing one table.
  const ids = [
    ...Array.from({ length: 24 }, (_, n) => identity(n)),
    "a",
    "b",
    "id-padding-1",
    "x".repeat(22),
  ];
  const entryArb: fc.Arbitrary<LedgerEntry> = fc.oneof(
    fc.record({ id: fc.constantFrom(...ids), at: fc.nat(1_000) }).map(({ id, at }) => intent(id, at)),
    fc
      .record({
        id: fc.constantFrom(...ids),
        at: fc.nat(1_000),
        kind: fc.constantFrom(...KINDS),
        wamid: fc.option(fc.string(), { nil: undefined }),
        flowId: fc.option(fc.stringMatching(/^\d{1,16}$/), { nil: undefined }),
      })
      .map(
        ({ id, at, kind, wamid, flowId }) =>
          ({ e: "outcome", id, at, kind, wamid, flow_id: flowId }) as unknown as LedgerEntry,
      ),
  );

  it("agrees with the rules on every identity after any history", () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 200 }), (entries) => {
        const index = new LedgerIndex();
        for (const entry of entries) index.add(entry);
        const expected = model(entries);
        expect(index.size).toBe(expected.size);
        for (const id of ids) {
          const want = expected.get(id);
          expect(index.get(id)).toEqual(
            want === undefined
              ? undefined
              : { firstTry: want.firstTry, outcome: want.outcome, wamid: want.wamid, flowId: want.flowId },
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});
