import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import {
  acceptedSends,
  configFor,
  deprecate,
  emulator,
  lines,
  rssProbe,
  send,
  states,
  streamState,
  TO_DEPRECATE,
  trace,
  write,
} from "./write-support.js";

/**
 * Servers that answer without end, as a broken or hostile endpoint would: a 200 that declares
 * 1 GiB and streams it as fast as the socket takes it, and one trickling 256 KB every 20 ms
 * forever. Each call to them must end as a failed call of its kind, within bounded memory.
 */
type Mode = "gigabyte" | "trickle";

interface Hostile {
  readonly url: string;
  readonly requests: string[];
  close(): Promise<void>;
}

const CHUNK = Buffer.alloc(256 * 1024, 0x20);

function answer(mode: Mode, res: ServerResponse): void {
  if (mode === "gigabyte") {
    res.writeHead(200, { "content-type": "application/json", "content-length": String(1024 ** 3) });
    const pump = () => {
      while (!res.destroyed && res.write(CHUNK)) {
        // keep the socket full
      }
      if (!res.destroyed) res.once("drain", pump);
    };
    pump();
    return;
  }
  res.writeHead(200, { "content-type": "application/json" });
  const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(CHUNK)), 20);
  res.on("close", () => clearInterval(timer));
}

async function hostile(mode: Mode): Promise<Hostile> {
  const requests: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    req.resume();
    req.on("end", () => {
      requests.push(`${req.method} ${req.url}`);
      answer(mode, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const PEAK_RSS_LIMIT_KB = 200 * 1024;
const MODES: Mode[] = ["gigabyte", "trickle"];

let emu: RunningEmulator;
let servers: Hostile[] = [];
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => {
  await emu.close();
});
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function start(mode: Mode): Promise<Hostile> {
  const s = await hostile(mode);
  servers.push(s);
  return s;
}

describe("hostile servers: every answer is bounded", () => {
  it.each(MODES)(
    "sends to a %s server are ambiguous, reported, never sent again; the sync finishes",
    async (mode) => {
      const server = await start(mode);
      const rss = rssProbe();
      const result = await write(
        configFor(emu, { base_url: server.url }),
        lines(send("15550000001"), send("15550000002"), send("15550000003"), streamState("invites", 1)),
        { onSpawn: rss.onSpawn },
      );
      const peakKb = rss.stop();
      expect(result.code).toBe(0);
      expect(server.requests.filter((r) => r.startsWith("POST")).length).toBe(3);
      expect(states(result)).toHaveLength(1);
      expect(result.stdout.match(/ambiguous/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
      expect(peakKb).toBeGreaterThan(0);
      expect(peakKb).toBeLessThan(PEAK_RSS_LIMIT_KB);
    },
    60_000,
  );

  it.each(MODES)(
    "an idempotent call to a %s server is retried within its budget, then stops with a TRACE",
    async (mode) => {
      const server = await start(mode);
      const rss = rssProbe();
      const result = await write(
        configFor(emu, {
          base_url: server.url,
          throughput: {
            messages_per_second: "0",
            request_timeout_seconds: 5,
            max_retries: 2,
            max_retry_wait_seconds: 10,
          },
        }),
        lines(deprecate(TO_DEPRECATE[2]!), streamState("retired", 1)),
        { onSpawn: rss.onSpawn },
      );
      const peakKb = rss.stop();
      expect(result.code).not.toBe(0);
      expect(trace(result).failure_type).toBe("transient_error");
      expect(trace(result).message).toContain("after 3 attempts");
      expect(server.requests.filter((r) => r.includes("/deprecate")).length).toBe(3);
      expect(peakKb).toBeLessThan(PEAK_RSS_LIMIT_KB);
    },
    60_000,
  );

  it.each(MODES)(
    "a webhook on a %s server fails its deliveries as webhook failures do",
    async (mode) => {
      const server = await start(mode);
      emu.reset();
      const rss = rssProbe();
      const result = await write(
        configFor(emu, {
          response_webhook: { mode: "webhook", url: `${server.url}/hook`, max_retries: 1 },
        }),
        lines(send("15550000011"), streamState("invites", 1)),
        { onSpawn: rss.onSpawn },
      );
      const peakKb = rss.stop();
      expect(result.code).not.toBe(0);
      expect(trace(result).failure_type).toBe("transient_error");
      expect(trace(result).message).toContain("response webhook");
      expect(server.requests).toEqual(["POST /hook", "POST /hook"]);
      // The send itself went out once; its call settled, so its STATE goes out (a rerun must not
      // send it again) though its envelope was not delivered.
      expect([...acceptedSends(emu).values()]).toEqual([1]);
      expect(states(result)).toHaveLength(1);
      expect(trace(result).message).toContain("1 response webhook envelope(s) were not delivered");
      expect(peakKb).toBeLessThan(PEAK_RSS_LIMIT_KB);
    },
    60_000,
  );
});
