import { afterEach, describe, expect, it } from "vitest";
import { GraphApiError, GraphClient, NetworkError, RequestTimeoutError } from "../../../src/graph/index.js";
import { clientOptions, TOKEN } from "./support/client-options.js";
import { graphError, json, type LocalServer, startServer } from "./support/local-server.js";

const servers: LocalServer[] = [];
const clients: GraphClient[] = [];
async function server(...args: Parameters<typeof startServer>): Promise<LocalServer> {
  const s = await startServer(...args);
  servers.push(s);
  return s;
}
function client(...args: Parameters<typeof clientOptions>): GraphClient {
  const c = new GraphClient(clientOptions(...args));
  clients.push(c);
  return c;
}
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const none = { kind: "none" } as const;

describe("GraphClient transport", () => {
  it("sends versioned URLs with our bearer token and user agent, which callers cannot override", async () => {
    const s = await server((_req, res) => json(res, 200, { id: "1" }, { "x-fb-trace-id": "t" }));
    const c = client(s.url);
    const res = await c.request({
      method: "GET",
      path: "123/flows",
      query: { fields: "id,name" },
      headers: { Authorization: "Bearer other", "User-Agent": "evil", "X-Custom": "yes" },
      body: { kind: "none" },
      idempotent: true,
      pacing: none,
    });
    expect(res).toMatchObject({ status: 200, body: { id: "1" }, attempts: 1 });
    expect(res.url).toBe(`${s.url}/v23.0/123/flows?fields=id%2Cname`);
    const got = s.requests[0]!;
    expect(got.url).toBe("/v23.0/123/flows?fields=id%2Cname");
    expect(got.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(got.headers["user-agent"]).toBe("destination-whatsapp-flows/9.9.9");
    expect(got.headers["x-custom"]).toBe("yes");
    expect(c.stats()).toMatchObject({ requests: 1, retries: 0 });
  });

  it("sends JSON, form and multipart bodies that arrive intact, over reused connections", async () => {
    const s = await server((_req, res) => json(res, 200, { success: true }));
    const c = client(`${s.url}/graph/`);
    const base = { method: "POST", idempotent: true, pacing: none } as const;
    await c.request({
      ...base,
      path: "/1/messages",
      body: { kind: "json", value: { to: "+1 555", ok: true } },
    });
    await c.request({
      ...base,
      path: "1",
      body: { kind: "form", fields: { name: "a b&c", categories: '["OTHER"]' } },
    });
    const flowJson = JSON.stringify({ version: "7.2", screens: [{ id: "Ω" }] });
    await c.request({
      ...base,
      path: "1/assets",
      body: {
        kind: "multipart",
        parts: [
          { name: "name", value: "flow.json" },
          { name: "asset_type", value: "FLOW_JSON" },
          { name: "file", filename: "flow.json", contentType: "application/json", content: flowJson },
        ],
      },
    });
    const [j, f, m] = s.requests;
    expect(j!.url).toBe("/graph/v23.0/1/messages");
    expect(j!.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(j!.body.toString())).toEqual({ to: "+1 555", ok: true });
    expect(f!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(f!.body.toString()))).toEqual({
      name: "a b&c",
      categories: '["OTHER"]',
    });
    const form = await new Response(m!.body, {
      headers: { "content-type": m!.headers["content-type"]! },
    }).formData();
    expect(form.get("name")).toBe("flow.json");
    expect(form.get("asset_type")).toBe("FLOW_JSON");
    const file = form.get("file") as File;
    expect(file.name).toBe("flow.json");
    expect(file.type).toBe("application/json");
    expect(await file.text()).toBe(flowJson);
    // keep-alive: a handful of sequential calls share their sockets
    for (let i = 0; i < 7; i++) await c.request({ ...base, path: "1", body: { kind: "none" } });
    expect(new Set(s.requests.map((r) => r.remotePort)).size).toBeLessThanOrEqual(2);
  });

  it("turns a non-JSON 502 into a GraphApiError without a code", async () => {
    const s = await server((_req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html>Bad Gateway</html>");
    });
    const err = await client(s.url, { retry: { maxRetries: 2, maxRetryWaitMs: 60_000 } })
      .request({ method: "GET", path: "1", body: { kind: "none" }, idempotent: true, pacing: none })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphApiError);
    expect(err).toMatchObject({ status: 502, graphCode: undefined, attempts: 3, method: "GET" });
    expect(s.requests.length).toBe(3);
  });

  it("a reset after the request was written is a maybe-reached NetworkError, and a send is not repeated", async () => {
    const s = await server((req) => req.socket.destroy());
    const err = await client(s.url)
      .request({
        method: "POST",
        path: "1/messages",
        body: { kind: "json", value: {} },
        idempotent: false,
        pacing: { kind: "send", phoneNumberId: "1", recipient: "r" },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err).toMatchObject({ code: "ERR_NETWORK", reachedServer: "maybe", attempts: 1 });
    expect(s.requests.length).toBe(1);
  });

  it("connection refused is a never-reached NetworkError and is retried even for a send", async () => {
    const s = await startServer(() => {});
    await s.close();
    const opts = clientOptions(s.url);
    const c = new GraphClient(opts);
    clients.push(c);
    const err = await c
      .request({
        method: "POST",
        path: "1/messages",
        body: { kind: "none" },
        idempotent: false,
        pacing: none,
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err).toMatchObject({ reachedServer: "no", attempts: 4 });
    expect(opts.slept.length).toBe(3);
  });

  it("a server that never answers times out as a maybe-reached RequestTimeoutError", async () => {
    const s = await server(() => {});
    const err = await client(s.url, { requestTimeoutMs: 200 })
      .request({ method: "POST", path: "1/flows", body: { kind: "none" }, idempotent: false, pacing: none })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestTimeoutError);
    expect(err).toMatchObject({ code: "ERR_TIMEOUT", phase: "headers", reachedServer: "maybe", attempts: 1 });
  });

  it("an abort signal stops the request", async () => {
    const s = await server(() => {});
    const ac = new AbortController();
    const p = client(s.url).request({
      method: "GET",
      path: "1",
      body: { kind: "none" },
      idempotent: true,
      pacing: none,
      signal: ac.signal,
    });
    setTimeout(() => ac.abort(), 50);
    await expect(p).rejects.toMatchObject({ code: "ERR_ABORTED" });
  });

  it("never puts the token in a URL or an error message", async () => {
    const s = await server((req, res) => {
      if (req.url?.includes("echo")) json(res, 400, graphError(100, `Invalid token ${TOKEN}`));
      else json(res, 401, graphError(190, "Invalid OAuth access token"));
    });
    const c = client(s.url);
    const errors: unknown[] = [];
    for (const req of [
      { path: "1" },
      { path: "echo" },
      { url: `${s.url}/v23.0/2?access_token=${TOKEN}&x=1` },
      { url: `${s.url}/v23.0/${TOKEN}/echo` },
    ]) {
      errors.push(
        await c
          .request({ method: "GET", body: { kind: "none" }, idempotent: true, pacing: none, ...req })
          .catch((e) => e),
      );
    }
    for (const e of errors) {
      expect(e).toBeInstanceOf(GraphApiError);
      const err = e as GraphApiError;
      for (const text of [err.message, err.url, String(err), err.stack ?? "", err.internal ?? ""]) {
        expect(text).not.toContain(TOKEN);
      }
    }
    expect((errors[0] as GraphApiError).failureType).toBe("config_error");
    expect((errors[2] as GraphApiError).url).toContain("access_token=REDACTED&x=1");
  });
});
