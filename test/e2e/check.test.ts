import { createHmac } from "node:crypto";
import { createServer as createHttpServer, type IncomingHttpHeaders } from "node:http";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import { type CliResult, runCli } from "../support/cli.js";
import { assertNoSecrets } from "../support/no-secrets.js";
import { assertProtocolLines } from "../support/protocol-schema.js";
import { tempDir } from "../support/temp-files.js";

const TOKEN = "EAAG-check-e2e-token-7f3a";
const dir = tempDir();
let emulator: RunningEmulator;
let noPermissions: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ token: TOKEN });
  noPermissions = await startEmulator({ token: TOKEN, permissions: [] });
});
afterAll(async () => {
  await Promise.all([emulator.close(), noPermissions.close()]);
  dir.cleanup();
});

function config(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    access_token: TOKEN,
    waba_id: emulator.wabaId,
    phone_number_id: emulator.phoneNumberIds[0],
    base_url: emulator.url,
    streams: [{ stream_name: "invites", endpoint: { template: "send_published_flow" } }],
    ...overrides,
  };
}

async function check(raw: Record<string, unknown>): Promise<{ status: string; message?: string }> {
  const result: CliResult = await runCli(["check", "--config", dir.file(`c-${Math.random()}.json`, raw)]);
  assertProtocolLines(result.lines);
  assertNoSecrets({ stdout: result.stdout, stderr: result.stderr }, [
    TOKEN,
    "wrong-token-123",
    SIGNING_SECRET,
    "hook-key-123",
  ]);
  expect(result.code).toBe(0);
  expect(result.lines).toHaveLength(1);
  expect(result.messages[0]!.type).toBe("CONNECTION_STATUS");
  return result.messages[0]!.connectionStatus as { status: string; message?: string };
}

interface Delivery {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A webhook receiver answering `status`, recording what it got. */
async function receiver(status: number): Promise<{ url: string; got: Delivery[]; close(): Promise<void> }> {
  const got: Delivery[] = [];
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hook`,
    got,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const SIGNING_SECRET = "whsec-check-e2e-secret";

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("check against the emulator", () => {
  it("succeeds with a valid token, WABA and phone number, naming the sender's limits", async () => {
    expect(await check(config())).toEqual({
      status: "SUCCEEDED",
      message:
        "Sender 106540352242922 (+1 555-010-1000): throughput level STANDARD (80 messages/s), quality rating GREEN. " +
        "Messaging limit TIER_10K (10,000 customers outside a customer-service window per 24 hours).",
    });
  });

  it("reports each sender's throughput level and quality rating (a RED one refuses MARKETING sends), and the portfolio's messaging limit", async () => {
    const account = await startEmulator({
      token: TOKEN,
      phoneNumberIds: ["111", "222"],
      phoneNumbers: { "222": { throughputLevel: "HIGH", qualityRating: "RED" } },
      messagingLimit: "TIER_2K",
    });
    try {
      const status = await check(
        config({
          waba_id: account.wabaId,
          base_url: account.url,
          phone_number_id: "111",
          streams: [
            { stream_name: "invites", endpoint: { template: "send_published_flow", phone_number_id: "222" } },
          ],
        }),
      );
      expect(status.status).toBe("SUCCEEDED");
      expect(status.message).toContain(
        "Sender 111 (+1 555-010-1000): throughput level STANDARD (80 messages/s), quality rating GREEN",
      );
      expect(status.message).toContain(
        "Sender 111 (+1 555-010-1000): throughput level STANDARD (80 messages/s), quality rating GREEN. ",
      );
      expect(status.message).toContain(
        "Sender 222 (+1 555-010-1001): throughput level HIGH (1000 messages/s), quality rating RED (MARKETING template sends from it are refused: guardrails.quality_guard)",
      );
      expect(status.message).toContain("Messaging limit TIER_2K (2,000 customers");
    } finally {
      await account.close();
    }
  });

  it("says the token is invalid or expired", async () => {
    const status = await check(config({ access_token: "wrong-token-123" }));
    expect(status.status).toBe("FAILED");
    expect(status.message).toMatch(/access token is invalid or has expired \(Graph error 190/);
  });

  it("says the token lacks whatsapp_business_management", async () => {
    const status = await check(config({ base_url: noPermissions.url }));
    expect(status.status).toBe("FAILED");
    expect(status.message).toMatch(/token lacks whatsapp_business_management/);
  });

  it("says the WABA was not found or not shared", async () => {
    const status = await check(config({ waba_id: "999000999" }));
    expect(status.status).toBe("FAILED");
    expect(status.message).toMatch(/WABA 999000999 was not found or is not shared with this token/);
  });

  it("names a phone number that does not belong to the WABA and where it is configured", async () => {
    const status = await check(
      config({
        streams: [
          {
            stream_name: "invites",
            endpoint: { template: "send_published_flow", phone_number_id: "555000555" },
          },
        ],
      }),
    );
    expect(status.status).toBe("FAILED");
    expect(status.message).toMatch(
      /Business Phone Number ID 555000555 \(streams\[0\]\.endpoint\.phone_number_id\) does not belong to WhatsApp Business Account/,
    );
  });

  it("says when the API cannot be reached", async () => {
    const port = await closedPort();
    const status = await check(config({ base_url: `http://127.0.0.1:${port}` }));
    expect(status.status).toBe("FAILED");
    expect(status.message).toMatch(
      new RegExp(`Cannot reach http://127\\.0\\.0\\.1:${port}: connection refused`),
    );
  });

  it("says when the API answers far more than any Graph answer (a 200 declaring 1 GiB)", async () => {
    const server = createHttpServer((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "application/json", "content-length": String(1024 ** 3) });
      res.write(Buffer.alloc(64 * 1024, 0x20));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      const status = await check(config({ base_url: `http://127.0.0.1:${port}` }));
      expect(status.status).toBe("FAILED");
      expect(status.message).toContain("its answer was larger than any real answer can be");
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(() => r(undefined)));
    }
  });

  describe("with a response webhook", () => {
    const webhookConfig = (url: string) =>
      config({
        response_webhook: {
          mode: "webhook",
          url,
          signing_secret: SIGNING_SECRET,
          headers: "Authorization: Bearer hook-key-123",
        },
      });

    it("sends one signed test delivery and succeeds when the receiver answers 2xx", async () => {
      const hook = await receiver(204);
      try {
        expect(await check(webhookConfig(hook.url))).toMatchObject({ status: "SUCCEEDED" });
        expect(hook.got).toHaveLength(1);
        const [delivery] = hook.got;
        expect(JSON.parse(delivery!.body)).toMatchObject({ type: "connection_check" });
        expect(delivery!.headers.authorization).toBe("Bearer hook-key-123");
        const expected = `sha256=${createHmac("sha256", SIGNING_SECRET).update(delivery!.body).digest("hex")}`;
        expect(delivery!.headers["x-signature-256"]).toBe(expected);
        expect(delivery!.headers["idempotency-key"]).toMatch(/\S+/);
      } finally {
        await hook.close();
      }
    });

    it("fails naming the status and what to check when the receiver refuses", async () => {
      const hook = await receiver(401);
      try {
        const status = await check(webhookConfig(hook.url));
        expect(status.status).toBe("FAILED");
        expect(status.message).toMatch(
          /response webhook http:\/\/127\.0\.0\.1:\d+ answered HTTP 401.*auth header/,
        );
        expect(status.message).not.toContain("hook-key-123");
      } finally {
        await hook.close();
      }
    });

    it("fails within the request timeout when the receiver trickles its answer forever", async () => {
      const server = createHttpServer((req, res) => {
        req.resume();
        res.writeHead(200);
        const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(" ")), 20);
        res.on("close", () => clearInterval(timer));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as { port: number };
      try {
        const raw = webhookConfig(`http://127.0.0.1:${port}/hook`);
        const status = await check({ ...raw, throughput: { request_timeout_seconds: 1 } });
        expect(status.status).toBe("FAILED");
        expect(status.message).toMatch(
          /Cannot reach the response webhook http:\/\/127\.0\.0\.1:\d+: no complete answer within 1 s/,
        );
      } finally {
        server.closeAllConnections();
        await new Promise((r) => server.close(() => r(undefined)));
      }
    });

    it("fails when the receiver cannot be reached", async () => {
      const port = await closedPort();
      const status = await check(webhookConfig(`http://127.0.0.1:${port}/hook`));
      expect(status.status).toBe("FAILED");
      expect(status.message).toMatch(
        /Cannot reach the response webhook http:\/\/127\.0\.0\.1:\d+: connection refused/,
      );
    });
  });
});
