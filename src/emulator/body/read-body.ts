import type { IncomingMessage } from "node:http";

export class BodyTooLarge {
  constructor(readonly limit: number) {}
}

const EMPTY = Buffer.alloc(0);

/**
 * Reads the whole body, bounded: past `limit` bytes it stops and resolves BodyTooLarge so the
 * caller can answer and close the connection instead of buffering an endless upload.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | BodyTooLarge> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.resolve(new BodyTooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        resolve(new BodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (done) return;
      done = true;
      resolve(chunks.length === 0 ? EMPTY : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    req.on("error", (error) => {
      if (done) return;
      done = true;
      reject(error);
    });
  });
}
