import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  EchoedStateMessage,
  logMessage,
  MessageWriter,
  REDACTED,
  Redactor,
} from "../../../src/protocol/index.js";

class SlowSink extends Writable {
  chunks: string[] = [];
  constructor() {
    super({ highWaterMark: 64 });
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(chunk.toString());
    setImmediate(done);
  }
}

describe("MessageWriter", () => {
  it("writes one JSON message per line, in order, awaiting drain", async () => {
    const sink = new SlowSink();
    const writer = new MessageWriter(sink);
    for (let i = 0; i < 100; i++) await writer.write(logMessage("INFO", `line ${i} ${"y".repeat(50)}`));
    await writer.flush();
    const lines = sink.chunks.join("").trimEnd().split("\n");
    expect(lines).toHaveLength(100);
    expect(JSON.parse(lines[42]!)).toEqual({
      type: "LOG",
      log: { level: "INFO", message: `line 42 ${"y".repeat(50)}` },
    });
  });

  it("prints an echoed STATE exactly as its text, still redacted", async () => {
    const sink = new SlowSink();
    const writer = new MessageWriter(sink, new Redactor().add("s3cr3t-token"));
    const line = '{"type":"STATE", "state":{"data":{"n":9007199254740993,"t":"s3cr3t-token"}}}';
    await writer.write(new EchoedStateMessage(line));
    await writer.flush();
    expect(sink.chunks.join("")).toBe(`${line.replace("s3cr3t-token", REDACTED)}\n`);
  });

  it("redacts every configured secret, raw, JSON-escaped and URL-encoded", async () => {
    const sink = new SlowSink();
    const secret = 'EAAG"se/cret\\token';
    const writer = new MessageWriter(sink, new Redactor().add(secret));
    await writer.write(
      logMessage("ERROR", `token ${secret} in url ?access_token=${encodeURIComponent(secret)}`),
    );
    await writer.flush();
    const text = sink.chunks.join("");
    expect(text).not.toContain("se/cret");
    expect(text).not.toContain(encodeURIComponent(secret));
    expect(JSON.parse(text).log.message).toBe(`token ${REDACTED} in url ?access_token=${REDACTED}`);
  });
});

describe("Redactor", () => {
  it("ignores empty and very short secrets and replaces the longest first", () => {
    const r = new Redactor().add("").add("ab").add("secret").add("secret-and-more");
    expect(r.redact("x secret-and-more y secret ab")).toBe(`x ${REDACTED} y ${REDACTED} ab`);
  });
});
