import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Captured {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: Buffer;
  readonly remotePort: number | undefined;
}

export interface LocalServer {
  readonly url: string;
  readonly requests: Captured[];
  close(): Promise<void>;
}

/** A tiny HTTP server on 127.0.0.1:0; the handler sees the fully read request body. */
export async function startServer(
  handler: (req: IncomingMessage, res: ServerResponse, body: Buffer, index: number) => void,
): Promise<LocalServer> {
  const requests: Captured[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const index = requests.length;
      requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body,
        remotePort: req.socket.remotePort,
      });
      handler(req, res, body, index);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** A Graph error envelope as Meta sends it. */
export function graphError(code: number, message: string, extra: Record<string, unknown> = {}): unknown {
  return { error: { message, type: "OAuthException", code, fbtrace_id: "AbCdEf123", ...extra } };
}
