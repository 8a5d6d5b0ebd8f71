import { describe, expect, it } from "vitest";
import { LedgerIndex, type LineSink, recordIdentity, SendLedger } from "../../../src/write/ledger/index.js";

const input = (
  record: Record<string, unknown>,
  extra: Partial<{ matchingKey: string; stream: string }> = {},
) => ({
  stream: extra.stream ?? "invites",
  operation: "send_published_flow",
  record,
  ...(extra.matchingKey === undefined ? {} : { matchingKey: extra.matchingKey }),
});

describe("record identity", () => {
  it("is the same for the same data in any key order, and short", () => {
    const a = recordIdentity(input({ to: "1555", body: { text: "hi", lang: "en" } }));
    const b = recordIdentity(input({ body: { lang: "en", text: "hi" }, to: "1555" }));
    expect(a).toBe(b);
    expect(a).toMatch(/^[\w-]{22}$/);
  });

  it("changes with any field (a new flow_token, a campaign field), the stream or the operation", () => {
    const base = recordIdentity(input({ to: "1555" }));
    expect(recordIdentity(input({ to: "1555", flow_token: "t2" }))).not.toBe(base);
    expect(recordIdentity(input({ to: "1555", campaign: "spring" }))).not.toBe(base);
    expect(recordIdentity(input({ to: "1555" }, { stream: "other" }))).not.toBe(base);
    expect(recordIdentity({ ...input({ to: "1555" }), operation: "send_draft_flow" })).not.toBe(base);
  });

  it("is the matching key alone when the operation gives one (other fields may change)", () => {
    expect(recordIdentity(input({ to: "1", x: 1 }, { matchingKey: "k1" }))).toBe(
      recordIdentity(input({ to: "2", x: 2 }, { matchingKey: "k1" })),
    );
  });
});

describe("ledger index: the last word about an identity wins, except a success", () => {
  const intent = (id: string, at: number) =>
    ({ e: "intent", id, at, sync: "1", stream: "s", op: "o" }) as const;
  const outcome = (id: string, at: number, kind: "succeeded" | "rejected" | "ambiguous" | "not_called") =>
    ({ e: "outcome", id, at, kind, ...(kind === "succeeded" ? { wamid: `wamid.${id}` } : {}) }) as const;

  it("keeps a success final and remembers the first try", () => {
    const index = new LedgerIndex();
    for (const entry of [
      intent("a", 5),
      outcome("a", 6, "succeeded"),
      intent("a", 9),
      outcome("a", 10, "rejected"),
    ]) {
      index.add(entry);
    }
    expect(index.get("a")).toMatchObject({ firstTry: 5, outcome: "succeeded", wamid: "wamid.a" });
  });

  it("treats a new try after a rejection or a stop before the call as in flight until its outcome", () => {
    const index = new LedgerIndex();
    index.add(intent("r", 1));
    index.add(outcome("r", 2, "rejected"));
    index.add(intent("r", 3));
    expect(index.get("r")?.outcome).toBeUndefined();
    index.add(intent("n", 1));
    index.add(outcome("n", 2, "not_called"));
    expect(index.get("n")?.outcome).toBe("not_called");
  });

  it("refuses to grow past its bound, naming the setting to lower", () => {
    const index = new LedgerIndex(2);
    index.add(intent("a", 1));
    index.add(intent("b", 1));
    expect(() => index.add(intent("c", 1))).toThrow(/ledger_window_hours/);
  });
});

describe("send ledger verdicts", () => {
  const sink = (): LineSink & { lines: string[] } => {
    const lines: string[] = [];
    return { lines, append: async (line) => void lines.push(line), flush: () => undefined };
  };

  it("sends an unknown record after writing its intent, and records the outcome with the wamid", async () => {
    const out = sink();
    const ledger = new SendLedger(new LedgerIndex(), out, "77", () => 1000);
    const verdict = ledger.before(input({ to: "1" }));
    expect(verdict.kind).toBe("send");
    if (verdict.kind !== "send") return;
    await ledger.intend(verdict.id, input({ to: "1" }));
    await ledger.after(verdict.id, "succeeded", "wamid.X");
    expect(out.lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      { e: "intent", id: verdict.id, at: 1000, sync: "77", stream: "invites", op: "send_published_flow" },
      { e: "outcome", id: verdict.id, at: 1000, kind: "succeeded", wamid: "wamid.X" },
    ]);
  });

  it("does not send what an earlier attempt sent, or started without an outcome; re-sends a rejection", () => {
    const index = new LedgerIndex();
    const id = (r: Record<string, unknown>) => recordIdentity(input(r));
    index.add({ e: "intent", id: id({ to: "sent" }), at: 1, sync: "1", stream: "s", op: "o" });
    index.add({ e: "outcome", id: id({ to: "sent" }), at: 2, kind: "succeeded", wamid: "wamid.S" });
    index.add({ e: "intent", id: id({ to: "lost" }), at: 3_600_000, sync: "1", stream: "s", op: "o" });
    index.add({ e: "intent", id: id({ to: "bad" }), at: 1, sync: "1", stream: "s", op: "o" });
    index.add({ e: "outcome", id: id({ to: "bad" }), at: 2, kind: "rejected" });
    const ledger = new SendLedger(index, sink(), "1");
    expect(ledger.before(input({ to: "sent" }))).toEqual({
      kind: "already_sent",
      wamid: "wamid.S",
      flowId: undefined,
    });
    expect(ledger.before(input({ to: "lost" }))).toMatchObject({
      kind: "ambiguous",
      firstTry: new Date(3_600_000),
    });
    expect(ledger.before(input({ to: "bad" })).kind).toBe("send");
  });
});
