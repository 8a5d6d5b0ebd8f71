import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifySignature } from "../../src/write/response-webhook/signer.js";
import { type CliResult, runCli } from "../support/cli.js";
import { assertProtocolLines } from "../support/protocol-schema.js";
import { secretHits } from "../support/secret-forms.js";
import { tempDir } from "../support/temp-files.js";

/**
 * Random secrets through every command and failure path of the built CLI, with servers that echo
 * each secret back several times in one answer (raw, base64 at three alignments, percent-encoded):
 * stdout, stderr and every webhook body must hold none of them in any form. Each webhook body must
 * also carry the signature of exactly the bytes received (signing before redaction would not).
 */
const WABA = "102290129340398";
const PHONE = "106540352242922";
const REJECTED_FLOW = "666";

interface Secrets {
  readonly token: string;
  readonly webhookHeader: string;
  readonly signing: string;
  readonly requestHeader: string;
}

/** Header-safe (no comma, brace, quote, backslash or space at the ends) and not trivially repetitive. */
const secretText = fc
  .stringMatching(/^[A-Za-z0-9._~+/=!$&'()*;@%-][A-Za-z0-9._~+/=!$&'()*;@% -]{14,38}[A-Za-z0-9]$/)
  .filter((s) => new Set(s).size >= 8);
const secretsArb = fc
  .record({ token: secretText, webhookHeader: secretText, signing: secretText, requestHeader: secretText })
  .filter((s) => new Set(Object.values(s).map((v) => v.slice(0, 10))).size === 4);

let current: Secrets;
const webhookBodies: Array<{ body: Buffer; signature: string | undefined; signing: string }> = [];
let graph: Server;
let hook: Server;
let failingHook: Server;

/** What a careless server does: every secret it saw, several times and in several encodings. */
function echo(): string {
  const all = Object.values(current);
  const forms = all.flatMap((s) => [
    s,
    s,
    encodeURIComponent(s),
    Buffer.from(s).toString("base64"),
    Buffer.from(`x${s}`).toString("base64"),
    Buffer.from(`xy${s}`).toString("base64url"),
  ]);
  return forms.join(" | ");
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => resolve(Buffer.concat(parts)));
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return server;
}

const url = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

beforeAll(async () => {
  graph = await listen(async (req, res) => {
    await readBody(req);
    const path = req.url ?? "";
    if (req.headers.authorization !== `Bearer ${current.token}`) {
      json(res, 401, {
        error: { message: `Invalid OAuth access token ${echo()}`, type: "OAuthException", code: 190 },
      });
    } else if (path.includes(`/${REJECTED_FLOW}/`)) {
      json(res, 400, {
        error: { message: `Invalid parameter ${echo()}`, type: "OAuthException", code: 100 },
      });
    } else if (path.endsWith("/messages")) {
      json(res, 200, { messaging_product: "whatsapp", messages: [{ id: "wamid.1" }], debug: echo() });
    } else {
      json(res, 200, { id: WABA, name: echo(), success: true, data: [{ id: PHONE }], debug: echo() });
    }
  });
  const receive = (status: number) => async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const signature = req.headers["x-signature-256"];
    webhookBodies.push({
      body,
      signature: typeof signature === "string" ? signature : undefined,
      signing: current.signing,
    });
    json(res, status, { received: true, debug: echo() });
  };
  hook = await listen(receive(200));
  failingHook = await listen(receive(500));
});

afterAll(async () => {
  await Promise.all([graph, hook, failingHook].map((s) => new Promise((r) => s.close(r))));
});

function config(secrets: Secrets, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    access_token: secrets.token,
    waba_id: WABA,
    phone_number_id: PHONE,
    base_url: url(graph),
    streams: [
      { stream_name: "invites", endpoint: { template: "send_published_flow" } },
      {
        stream_name: "raw",
        endpoint: {
          template: "advanced",
          method: "POST",
          content_format: "json",
          url: `${url(graph)}/v23.0/{message.flow_id}/publish`,
          request_headers: `X-Api-Key:${secrets.requestHeader}`,
          body_template: "{message.json}",
        },
      },
    ],
    response_webhook: {
      mode: "webhook",
      url: url(hook),
      headers: `Authorization:Bearer ${secrets.webhookHeader}`,
      signing_secret: secrets.signing,
      include_record: true,
      max_retries: 0,
    },
    throughput: { messages_per_second: "0", max_concurrency: 4, request_timeout_seconds: 5, max_retries: 0 },
    ...extra,
  };
}

const catalog = {
  streams: ["invites", "raw"].map((name) => ({
    stream: { name, json_schema: {}, supported_sync_modes: ["full_refresh"] },
    sync_mode: "full_refresh",
    destination_sync_mode: "append",
  })),
};

const record = (stream: string, data: Record<string, unknown>) =>
  JSON.stringify({ type: "RECORD", record: { stream, emitted_at: 1, data } });

const input = [
  record("invites", { to: "+15551234567", flow_id: "900000000000001", flow_cta: "Open", body: "Hi" }),
  record("raw", { flow_id: "900000000000002", json: { x: 1 } }),
  record("raw", { flow_id: REJECTED_FLOW, json: { x: 2 } }),
  JSON.stringify({ type: "STATE", state: { type: "LEGACY", data: { cursor: 1 } } }),
].join("\n");

/** Every command and failure path, run with one draw of secrets. */
async function runAll(secrets: Secrets): Promise<Record<string, CliResult>> {
  const dir = tempDir();
  const file = (name: string, content: unknown) => dir.file(name, content);
  const catalogFile = file("catalog.json", catalog);
  const write = (name: string, cfg: Record<string, unknown>) =>
    runCli(["write", "--config", file(`${name}.json`, cfg), "--catalog", catalogFile], { stdin: input });
  const check = (name: string, content: unknown) =>
    runCli(["check", "--config", file(`${name}.json`, content)]);
  try {
    const runs = await Promise.all([
      runCli(["spec"]),
      check("check-ok", config(secrets)),
      check("check-dead-token", config({ ...secrets, token: `${secrets.token}-revoked` })),
      check("check-not-json", `${secrets.token} ${secrets.signing}`),
      check("check-invalid", { ...config(secrets), waba_id: secrets.token, base_url: secrets.requestHeader }),
      write("write", config(secrets)),
      write("dry-run", config(secrets, { dry_run: true })),
      write("webhook-down", {
        ...config(secrets),
        response_webhook: { ...(config(secrets).response_webhook as object), url: url(failingHook) },
      }),
      write("dead-token", config({ ...secrets, token: `${secrets.token}-revoked` })),
      runCli([
        "write",
        "--config",
        file("w-not-json.json", `{"access_token": "${secrets.token}",`),
        "--catalog",
        catalogFile,
      ]),
    ]);
    const names = [
      "spec",
      "check-ok",
      "check-dead-token",
      "check-not-json",
      "check-invalid",
      "write",
      "dry-run",
      "webhook-down",
      "dead-token",
      "write-not-json",
    ];
    return Object.fromEntries(runs.map((r, i) => [names[i]!, r]));
  } finally {
    dir.cleanup();
  }
}

describe("no secret in any output (property)", () => {
  it("random secrets never appear raw, encoded or as a prefix in stdout, stderr or webhook bodies", async () => {
    await fc.assert(
      fc.asyncProperty(secretsArb, async (secrets) => {
        current = secrets;
        webhookBodies.length = 0;
        const runs = await runAll(secrets);
        const texts: Record<string, string> = {};
        for (const [name, result] of Object.entries(runs)) {
          assertProtocolLines(result.lines);
          texts[`${name} stdout`] = result.stdout;
          texts[`${name} stderr`] = result.stderr;
        }
        for (const [i, b] of webhookBodies.entries()) texts[`webhook body ${i}`] = b.body.toString("utf8");
        const hits: string[] = [];
        for (const [where, text] of Object.entries(texts)) {
          for (const [name, secret] of Object.entries(secrets)) {
            for (const form of secretHits(text, secret)) hits.push(`${name} (${form}) in ${where}`);
          }
        }
        expect(hits).toEqual([]);
        // The paths ran as intended (so the scan looked at answers that did echo the secrets).
        expect(runs.write!.code).toBe(0);
        expect(runs["check-dead-token"]!.stdout).toContain("FAILED");
        expect(runs["dry-run"]!.stdout).toContain("X-Api-Key");
        expect(runs["webhook-down"]!.code).toBe(1);
        expect(webhookBodies.some((b) => b.body.includes("**********"))).toBe(true);
        for (const { body, signature, signing } of webhookBodies) {
          expect(verifySignature(signing, body, signature)).toBe(true);
        }
      }),
      // Each run spawns ten CLIs; a failure is reported as drawn (shrinking would rerun them all).
      { numRuns: 3, endOnFailure: true },
    );
  }, 240_000);
});
