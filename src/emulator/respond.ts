import type { ServerResponse } from "node:http";

export const JSON_TYPE = "application/json; charset=UTF-8";

export interface GraphHeaders {
  readonly version: string;
  readonly traceId: string;
  readonly buc: string;
  readonly app: string;
}

/** One Graph response: JSON body plus Meta's usage and trace headers. */
export function sendGraph(
  res: ServerResponse,
  status: number,
  body: unknown,
  h: GraphHeaders,
  close = false,
): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = {
    "content-type": JSON_TYPE,
    "content-length": Buffer.byteLength(text),
    "facebook-api-version": h.version,
    "x-fb-trace-id": h.traceId,
    "x-fb-rev": "1",
    "x-business-use-case-usage": h.buc,
    "x-app-usage": h.app,
  };
  if (status === 401) headers["www-authenticate"] = 'OAuth "Facebook Platform" "invalid_token"';
  if (close) headers.connection = "close";
  res.writeHead(status, headers);
  res.end(text);
}

/** A body of any kind in the Graph API's place (a fault rule's `body`), with Meta's headers. */
export function sendRawAnswer(
  res: ServerResponse,
  status: number,
  text: string,
  contentType: string,
  h: GraphHeaders,
): void {
  res.writeHead(status, {
    "content-type": contentType,
    "content-length": Buffer.byteLength(text),
    "facebook-api-version": h.version,
    "x-fb-trace-id": h.traceId,
  });
  res.end(text);
}

/** A control-API response: plain JSON, no Graph headers. */
export function sendJson(res: ServerResponse, status: number, body: unknown, contentType = JSON_TYPE): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(text) });
  res.end(text);
}
