import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { runCli } from "../support/cli.js";
import { tempDir } from "../support/temp-files.js";
import {
  catalog,
  configFor,
  emulator,
  PUBLISHED_FLOW,
  send,
  states,
  streamState,
  trace,
  write,
} from "./write-support.js";

let emu: RunningEmulator;
let hook: Server;
const envelopes: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  emu = await emulator();
  hook = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(parts).toString("utf8")) as unknown;
      envelopes.push(...((Array.isArray(body) ? body : [body]) as Array<Record<string, unknown>>));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
});
afterAll(async () => {
  await emu.close();
  await new Promise((r) => hook.close(r));
});

const hookUrl = () => `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;

/** A send record whose `data` also nests `depth` objects deep, built as text (JSON.stringify could not). */
function deepSend(to: string, depth: number): string {
  const deep = `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
  return `{"type":"RECORD","record":{"stream":"invites","emitted_at":1,"data":{"to":"${to}","flow_id":"${PUBLISHED_FLOW}","flow_cta":"Open","body":"Hi","extra":${deep}}}}`;
}

describe("write: records are bounded", () => {
  it("a 100,000-level nested record with include_record is rejected before any call, and the sync goes on", async () => {
    emu.reset();
    envelopes.length = 0;
    const [before, after] = send("+15550000002").split("Hello there");
    const input = Buffer.concat([
      Buffer.from(`${deepSend("+15550000001", 100_000)}\n`),
      // Invalid UTF-8 (0xC3 0x28) inside a record: rejected, never sent with U+FFFD in its place.
      Buffer.from(`${before}caf`),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(`${after}\n`),
      Buffer.from(`${send("+15550000003")}\n${streamState("invites", 1)}\n`),
    ]);
    const config = configFor(emu, {
      response_webhook: { mode: "webhook", url: hookUrl(), include_record: true },
    });
    const result = await write(config, input);
    expect(result.code).toBe(0);
    const [state] = states(result);
    expect(state?.state.destinationStats).toMatchObject({ recordCount: 3, rejectedRecordCount: 2 });
    // Only the third record reached the API.
    const sends = emu.journal().filter((e) => e.route === "send");
    expect(sends).toHaveLength(1);
    const warnings = result.messages
      .filter((m) => m.type === "LOG")
      .map((m) => (m.log as { message: string }).message)
      .filter((m) => m.includes("was rejected"));
    expect(warnings).toEqual([
      expect.stringMatching(
        /^Stream "invites" record 1 \(input line 1, to=…0001 flow_id=900000000000001\) was rejected .*nests deeper than 64 levels/,
      ),
      expect.stringMatching(/^Stream "invites" record 2 \(input line 2\) was rejected .*not valid UTF-8/),
    ]);
    expect(envelopes.map((e) => [e.input_line, e.outcome, e.record_key, "record" in e])).toEqual([
      [1, "rejected", "to=…0001 flow_id=900000000000001", false],
      [2, "rejected", null, false],
      [3, "succeeded", "to=…0003 flow_id=900000000000001", true],
    ]);
  });
});

describe("write: catalog and config refused before the first record", () => {
  it("a stream listed twice in the catalog is a config_error naming it", async () => {
    const dir = tempDir();
    try {
      const doubled = catalog() as { streams: unknown[] };
      doubled.streams.push(doubled.streams[0]);
      const result = await runCli([
        "write",
        "--config",
        dir.file("config.json", configFor(emu)),
        "--catalog",
        dir.file("catalog.json", doubled),
      ]);
      expect(result.code).toBe(1);
      expect(trace(result)).toMatchObject({ failure_type: "config_error" });
      expect(trace(result).message).toContain('stream "invites" is listed more than once');
    } finally {
      dir.cleanup();
    }
  });

  it("config and catalog files that start with a UTF-8 BOM are read", async () => {
    const dir = tempDir();
    try {
      const result = await runCli(
        [
          "write",
          "--config",
          dir.file("config.json", `\uFEFF${JSON.stringify(configFor(emu))}`),
          "--catalog",
          dir.file("catalog.json", `\uFEFF${JSON.stringify(catalog())}`),
        ],
        { stdin: `${send("+15550000009")}\n${streamState("invites", 1)}\n` },
      );
      expect(result.code).toBe(0);
      expect(result.messages.filter((m) => m.type === "STATE")).toHaveLength(1);
    } finally {
      dir.cleanup();
    }
  });
});
