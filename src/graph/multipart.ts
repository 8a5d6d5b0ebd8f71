import { randomBytes } from "node:crypto";
import type { MultipartPart } from "./types.js";

/**
 * A multipart/form-data body built by hand into one Buffer: far cheaper than FormData + Blob
 * streaming for the small parts we upload (Flow JSON, a few fields). Names and filenames are ours
 * or the caller's, never record content, so quoting them is enough.
 */
export function encodeMultipart(parts: readonly MultipartPart[]): { body: Buffer; contentType: string } {
  const boundary = `----dwf${randomBytes(12).toString("hex")}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quote(part.name)}"`;
    if ("filename" in part) {
      head += `; filename="${quote(part.filename)}"\r\nContent-Type: ${part.contentType}\r\n\r\n`;
      chunks.push(Buffer.from(head, "utf8"));
      chunks.push(
        typeof part.content === "string" ? Buffer.from(part.content, "utf8") : Buffer.from(part.content),
      );
    } else {
      chunks.push(Buffer.from(`${head}\r\n\r\n${part.value}`, "utf8"));
    }
    chunks.push(CRLF);
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, "utf8"));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

const CRLF = Buffer.from("\r\n");

function quote(value: string): string {
  return value.replace(/[\r\n"]/g, (ch) => (ch === '"' ? "%22" : ch === "\r" ? "%0D" : "%0A"));
}
