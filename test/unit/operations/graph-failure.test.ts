import { describe, expect, it } from "vitest";
import { ConfigError, TransientError } from "../../../src/errors/index.js";
import { AddressRefusedError, RequestTimeoutError } from "../../../src/graph/index.js";
import { AmbiguousCallError } from "../../../src/operations/errors/ambiguous-call-error.js";
import { GraphRejectedError } from "../../../src/operations/index.js";
import { sendFlowMessageOperation } from "../../../src/operations/messages/send-flow-message.js";
import { ctx, envWith, FakeClient, graphError, ok, resetAfterWrite } from "./support/fixtures.js";

const c = ctx("invites", 12);
const record = { to: "15551234567", flow_id: "1", flow_cta: "Open", body: "Hi" };

async function send(reply: Error) {
  const op = sendFlowMessageOperation(envWith(new FakeClient(reply)), { template: "send_published_flow" });
  return op.execute(op.plan(record, c));
}

describe("reading Graph failures into outcomes", () => {
  it("190 is a config error about the token", async () => {
    const error = await send(graphError(401, { code: 190 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(
      "the access token is invalid or has expired (Graph error 190)",
    );
  });

  it("10/200 is a config error naming the messaging permission for sends", async () => {
    const error = await send(graphError(403, { code: 200 })).catch((e: unknown) => e);
    expect((error as ConfigError).message).toContain(
      "the token lacks the whatsapp_business_messaging permission (Graph error 200)",
    );
    expect((error as ConfigError).code).toBe("ERR_GRAPH_PERMISSION");
  });

  it("rate limits beyond the client's budget throw a TransientError", async () => {
    const error = await send(graphError(400, { code: 130429 }, 6)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).message).toContain("after 6 attempts");
  });

  it("a reject code rejects the record with Meta's text, the recipient's number masked", async () => {
    const outcome = await send(
      graphError(400, { code: 131026, message: "Message undeliverable to +15551234567" }),
    );
    expect(outcome.kind).toBe("rejected");
    if (outcome.kind !== "rejected") return;
    expect(outcome.error).toBeInstanceOf(GraphRejectedError);
    expect(outcome.error.message).toContain('stream "invites" record 12');
    expect(outcome.error.message).toContain("Graph error 131026");
    expect(outcome.error.message).not.toContain("15551234567");
    expect(outcome.error.message).toContain("Meta says: Message undeliverable to <recipient>");
    expect(outcome.response?.status).toBe(400);
  });

  it("an address refused while connecting stops the sync with that config error, naming host and address", async () => {
    const error = await send(new AddressRefusedError("hooks.example.com", "10.0.0.1")).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AddressRefusedError);
    expect(error).toMatchObject({ failureType: "config_error", code: "ERR_ADDRESS_REFUSED" });
    expect((error as Error).message).toContain("hooks.example.com");
    expect((error as Error).message).toContain("10.0.0.1");
  });

  it("a send timed out after it was written is ambiguous, and says how long it waited", async () => {
    const timeout = new RequestTimeoutError({
      method: "POST",
      url: "u",
      causeCode: undefined,
      phase: "body",
      timeoutMs: 30_000,
    });
    const outcome = await send(timeout);
    expect(outcome.kind).toBe("ambiguous");
    if (outcome.kind === "ambiguous")
      expect(outcome.error.message).toContain("no complete answer within 30000 ms");
  });

  it("the classification the client attached is the one read (it is not made again)", async () => {
    // A 5xx the client already read as a rejection for this call: the operation follows it.
    const error = graphError(500, { code: 1 });
    error.classification = { kind: "reject", retryable: false, reason: "as the client decided" };
    const outcome = await send(error);
    expect(outcome.kind).toBe("rejected");
    if (outcome.kind === "rejected") expect(outcome.error.message).toContain("as the client decided");
  });

  it("a send whose answer was lost is ambiguous (never re-sent)", async () => {
    const outcome = await send(resetAfterWrite());
    expect(outcome.kind).toBe("ambiguous");
    if (outcome.kind === "ambiguous") expect(outcome.error).toBeInstanceOf(AmbiguousCallError);
  });

  it("a 131000 on a send is ambiguous, keeping the response", async () => {
    const outcome = await send(graphError(500, { code: 131000 }));
    expect(outcome).toMatchObject({ kind: "ambiguous", response: { status: 500 } });
  });

  it("succeeded sends keep the body and the wamid", async () => {
    const body = {
      messaging_product: "whatsapp",
      contacts: [{ input: "1", wa_id: "1" }],
      messages: [{ id: "wamid.X" }],
    };
    const op = sendFlowMessageOperation(envWith(new FakeClient(ok(body))), {
      template: "send_published_flow",
    });
    const outcome = await op.execute(op.plan(record, c));
    expect(outcome).toEqual({
      kind: "succeeded",
      request: { method: "POST", url: "https://graph.facebook.com/v23.0/106540352242922/messages" },
      response: { status: 200, body },
      result: { messageId: "wamid.X" },
    });
  });
});
