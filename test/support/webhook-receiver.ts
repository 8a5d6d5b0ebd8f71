import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface WebhookReceiver {
  readonly url: string;
  /** Every body received, in arrival order. */
  readonly bodies: string[];
  close(): Promise<void>;
}

/** A response-webhook endpoint on 127.0.0.1 that answers 200 and keeps what it was sent. */
export async function webhookReceiver(): Promise<WebhookReceiver> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      bodies.push(Buffer.concat(chunks).toString("utf8"));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    bodies,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
