import { describe, expect, it } from "vitest";
import { journaledCallPace } from "../../../src/commands/send-pace.js";
import type { Operation } from "../../../src/operations/index.js";

const op = (parts: Partial<Operation>): Operation => ({
  name: "t",
  effects: "writes",
  plan: () => ({}),
  orderingKey: () => "k",
  describe: () => ({ request: { method: "POST", url: "u" }, headers: {}, body: null }),
  execute: () => Promise.reject(new Error("not called")),
  ...parts,
});
const send = op({ effects: "sends_message" });

describe("the pace the send ledger's lead follows", () => {
  it("is the fastest sender's rate when every journaled call is a paced send", () => {
    const publish = op({}); // not journaled: does not matter
    expect(journaledCallPace({ messagesPerSecond: 80 }, [send, publish])).toBe(80);
    const sendRates = new Map([
      ["111", 1000],
      ["222", 80],
    ]);
    expect(journaledCallPace({ messagesPerSecond: 80, sendRates }, [send])).toBe(1000);
  });

  it("is unknown with pacing off or when another journaled call (create_flow) is not paced as a send", () => {
    expect(journaledCallPace({ messagesPerSecond: 0 }, [send])).toBeUndefined();
    const createFlow = op({ effects: "creates" });
    expect(journaledCallPace({ messagesPerSecond: 1000 }, [send, createFlow])).toBeUndefined();
  });
});
