import { afterEach, describe, expect, it } from "vitest";
import {
  answerHolds,
  classificationOf,
  type ExpectedAnswer,
  GraphClient,
  type GraphRequest,
  UnexpectedAnswerError,
} from "../../../src/graph/index.js";
import { clientOptions } from "./support/client-options.js";
import { type LocalServer, startServer } from "./support/local-server.js";

describe("answerHolds: Meta's documented success answers", () => {
  const cases: Array<[ExpectedAnswer, unknown, boolean]> = [
    ["message_id", { messaging_product: "whatsapp", messages: [{ id: "wamid.HBgL123" }] }, true],
    ["message_id", { messages: [{ id: "wamid." }] }, false],
    ["message_id", { messages: [{ id: "123" }] }, false],
    ["message_id", { messages: [] }, false],
    ["message_id", { id: "wamid.x" }, false],
    ["object_id", { id: "flow-1" }, true],
    ["object_id", { id: "5", success: true, validation_errors: [] }, true],
    ["object_id", { id: "" }, false],
    ["object_id", { id: 5 }, false],
    ["object_id", { success: true }, false],
    ["success_flag", { success: true }, true],
    ["success_flag", { success: false }, true],
    ["success_flag", { success: true, validation_errors: [] }, true],
    ["success_flag", { success: "true" }, false],
    ["success_flag", { id: "10" }, false],
  ];
  it.each(cases)("%s with %j: %s", (expected, body, holds) => {
    expect(answerHolds(expected, body)).toBe(holds);
  });

  it.each(["message_id", "object_id", "success_flag"] as const)(
    "%s never holds for an HTML page, an empty body, {} or an array",
    (expected) => {
      for (const body of ["<html><body>OK</body></html>", "", {}, [], null, "OK"]) {
        expect(answerHolds(expected, body)).toBe(false);
      }
    },
  );
});

let s: LocalServer | undefined;
let c: GraphClient | undefined;
afterEach(async () => {
  await c?.close();
  await s?.close();
});

/** A server answering 200 with this body and content type to every request. */
async function answering(body: string, contentType: string) {
  s = await startServer((_req, res) => {
    res.writeHead(200, { "content-type": contentType });
    res.end(body);
  });
  c = new GraphClient(clientOptions(s.url));
  return s;
}

const send: GraphRequest = {
  method: "POST",
  path: "P/messages",
  body: { kind: "json", value: {} },
  idempotent: false,
  pacing: { kind: "send", phoneNumberId: "P", recipient: "+15550001111" },
  expect: "message_id",
};
const publish: GraphRequest = {
  method: "POST",
  path: "10/publish",
  body: { kind: "none" },
  idempotent: true,
  pacing: { kind: "none" },
  expect: "success_flag",
};

describe("GraphClient: a 2xx without the expected answer is a failure", () => {
  it.each([
    ["an HTML page", "<html><body>Welcome</body></html>", "text/html"],
    ["an empty body", "", "text/plain"],
    ["an empty JSON object", "{}", "application/json"],
  ])("a send answered with %s is ambiguous and never repeated", async (what, body, type) => {
    const server = await answering(body, type);
    const error = await c!.request(send).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedAnswerError);
    expect(error).toMatchObject({ status: 200, attempts: 1, expected: "message_id" });
    expect(classificationOf(error)).toMatchObject({ kind: "ambiguous", retryable: false });
    expect((error as Error).message).toContain(`answered HTTP 200 with ${what}, not a message id`);
    expect(server.requests).toHaveLength(1);
  });

  it("an idempotent call answered with an HTML page is retried to its budget, then fails", async () => {
    const server = await answering("<!doctype html><p>proxy</p>", "text/html");
    const error = await c!.request(publish).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedAnswerError);
    expect(classificationOf(error)).toMatchObject({ kind: "transient", retryable: true });
    expect(error).toMatchObject({ attempts: 4 });
    expect(server.requests).toHaveLength(4);
  });

  it("a call without an expectation takes any 2xx (reads, advanced mode)", async () => {
    await answering("<html></html>", "text/html");
    const { expect: _none, ...read } = publish;
    await expect(c!.request({ ...read, method: "GET" })).resolves.toMatchObject({ body: "<html></html>" });
  });
});
