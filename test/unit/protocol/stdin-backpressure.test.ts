import { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { readInputMessages } from "../../../src/protocol/index.js";

/**
 * A slow consumer must hold the producer back: if the reader buffered ahead, a fast source would
 * be drained into memory. We count how far the source has been pulled ahead of the consumer.
 */
describe("readInputMessages backpressure", () => {
  it("pulls the source only as fast as the consumer reads", async () => {
    const total = 200_000;
    const payload = "x".repeat(200);
    let produced = 0;
    const source = new Readable({
      highWaterMark: 16 * 1024,
      read() {
        // One chunk of 50 lines per read call: the stream asks again only when its buffer drains.
        let chunk = "";
        for (let i = 0; i < 50 && produced < total; i++, produced++) {
          chunk += `{"type":"RECORD","record":{"stream":"s","data":{"i":${produced},"p":"${payload}"}}}\n`;
        }
        this.push(chunk.length > 0 ? chunk : null);
      },
    });
    let consumed = 0;
    let maxLead = 0;
    for await (const _ of readInputMessages(source)) {
      consumed++;
      maxLead = Math.max(maxLead, produced - consumed);
      if (consumed % 20_000 === 0) {
        await sleep(5); // a slow consumer now and then
      }
    }
    expect(consumed).toBe(total);
    // readline buffers a bounded number of lines (its high-water mark) plus the stream's buffer;
    // without backpressure the lead would reach the whole input (200k lines, ~50 MB). RSS is not
    // asserted here: GC timing makes it noisy; the benchmark measures memory.
    expect(maxLead).toBeLessThan(10_000);
  });
});
