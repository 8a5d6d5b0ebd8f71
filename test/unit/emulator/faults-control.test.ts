import { request } from "undici";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Faults } from "../../../src/emulator/faults.js";
import { type RunningEmulator, startEmulator } from "../../../src/emulator/index.js";
import { call, createFlow, errorOf, flowMessage, publishedFlow } from "./harness.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ flows: [{ id: "9000", name: "seeded", status: "DRAFT" }] });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => emu.reset());

const sendTo = (id: string, to = "15550009999") =>
  call(emu, "POST", `/${emu.phoneNumberIds[0]}/messages`, { json: flowMessage({ flow_id: id }, to) });

describe("Faults", () => {
  it("hits only the next N matching requests of its route", () => {
    const f = new Faults(1);
    f.set([{ route: "send", code: 131000, status: 500, times: 2 }]);
    expect(f.pick("create")).toBeUndefined();
    expect(f.pick("send")?.code).toBe(131000);
    expect(f.pick("send")?.code).toBe(131000);
    expect(f.pick("send")).toBeUndefined();
  });

  it("draws `rate` from a seeded generator: rate 0 never hits, seeded runs repeat", () => {
    const never = new Faults(7);
    never.set([{ code: 1, rate: 0 }]);
    for (let i = 0; i < 100; i++) expect(never.pick("send")).toBeUndefined();
    const draws = (seed: number) => {
      const f = new Faults(seed);
      f.set([{ code: 1, rate: 0.5 }]);
      return Array.from({ length: 50 }, () => f.pick("send") !== undefined);
    };
    expect(draws(3)).toEqual(draws(3));
    expect(draws(3).filter(Boolean).length).toBeGreaterThan(0);
    expect(draws(3).filter((x) => !x).length).toBeGreaterThan(0);
  });
});

describe("injected faults over HTTP", () => {
  it("answers an injected Graph error once, then serves normally", async () => {
    emu.setFaults([
      {
        route: "create",
        status: 500,
        code: 2,
        is_transient: true,
        times: 1,
        message: "Service temporarily unavailable",
      },
    ]);
    const r = await call(emu, "POST", `/${emu.wabaId}/flows`, {
      form: { name: "a", categories: '["OTHER"]' },
    });
    expect(r.status).toBe(500);
    expect(errorOf(r)).toMatchObject({
      code: 2,
      is_transient: true,
      message: "Service temporarily unavailable",
    });
    expect(emu.flows().map((f) => f.name)).toEqual(["seeded"]);
    expect(
      (await call(emu, "POST", `/${emu.wabaId}/flows`, { form: { name: "a", categories: '["OTHER"]' } }))
        .status,
    ).toBe(200);
    expect(emu.journal().map((e) => [e.route, e.status, e.fault])).toEqual([
      ["create", 500, "error"],
      ["create", 200, undefined],
    ]);
  });

  it("resets the connection before the body: nothing is recorded", async () => {
    const id = await publishedFlow(emu, "p");
    emu.setFaults([{ route: "send", reset: "before-body", times: 1 }]);
    await expect(sendTo(id)).rejects.toThrow();
    const sends = emu.journal().filter((e) => e.route === "send");
    expect(sends).toEqual([expect.objectContaining({ fault: "reset", status: 0 })]);
    expect(sends[0]?.wamid).toBeUndefined();
  });

  it("resets after the body: the message was delivered but the client gets no answer", async () => {
    const id = await publishedFlow(emu, "p");
    emu.setFaults([{ route: "send", reset: "after-body", times: 1 }]);
    await expect(sendTo(id)).rejects.toThrow();
    const [sent] = emu.journal().filter((e) => e.route === "send");
    expect(sent).toMatchObject({ fault: "reset", status: 200, recipient: "15550009999" });
    expect(sent?.wamid).toMatch(/^wamid\./);
    expect((await sendTo(id)).status).toBe(200);
  });

  it("answers a rule's body in the route's place, with its status and type: nothing is sent", async () => {
    const id = await publishedFlow(emu, "p");
    emu.setFaults([
      { route: "send", body: "<html><body>Proxy</body></html>", contentType: "text/html", times: 1 },
      { route: "send", body: "", status: 202, times: 1 },
    ]);
    const answer = async () => {
      const res = await request(`${emu.url}/v23.0/${emu.phoneNumberIds[0]}/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${emu.token}`, "content-type": "application/json" },
        body: JSON.stringify(flowMessage({ flow_id: id }, "15550009999")),
      });
      return [res.statusCode, res.headers["content-type"], await res.body.text()];
    };
    expect(await answer()).toEqual([200, "text/html", "<html><body>Proxy</body></html>"]);
    expect(await answer()).toEqual([202, "application/json; charset=UTF-8", ""]);
    expect((await sendTo(id)).status).toBe(200);
    const sends = emu.journal().filter((e) => e.route === "send");
    expect(sends.map((e) => [e.status, e.fault, e.wamid === undefined])).toEqual([
      [200, "answer", true],
      [202, "answer", true],
      [200, undefined, false],
    ]);
  });

  it("adds latency without changing the answer", async () => {
    emu.setFaults([{ route: "waba", latencyMs: 30, times: 1 }]);
    const r = await call(emu, "GET", `/${emu.wabaId}`);
    expect(r.status).toBe(200);
    expect(emu.journal()[0]?.fault).toBe("latency");
  });
});

describe("control API", () => {
  it("sets, lists and clears faults, refusing bad rules", async () => {
    const bad = await call(emu, "POST", "/__emulator/faults", { json: { route: "nope", code: 1 } });
    expect(bad.status).toBe(400);
    expect(String(bad.body.error)).toContain("route");
    expect((await call(emu, "POST", "/__emulator/faults", { json: { rate: 2, code: 1 } })).status).toBe(400);
    expect((await call(emu, "POST", "/__emulator/faults", { json: { body: 7 } })).status).toBe(400);
    expect((await call(emu, "POST", "/__emulator/faults", { json: { body: "{}", code: 1 } })).status).toBe(
      400,
    );
    expect(
      (await call(emu, "POST", "/__emulator/faults", { raw: { body: "{", contentType: "application/json" } }))
        .status,
    ).toBe(400);
    const ok = await call(emu, "POST", "/__emulator/faults", {
      json: [{ route: "publish", code: 139002, status: 400 }],
    });
    expect(ok.body.faults).toEqual([{ route: "publish", code: 139002, status: 400 }]);
    const pub = await call(emu, "POST", "/9000/publish");
    expect(errorOf(pub).code).toBe(139002);
    expect((await call(emu, "DELETE", "/__emulator/faults")).body).toEqual({ faults: [] });
    expect((await call(emu, "GET", "/__emulator/faults")).body).toEqual({ faults: [] });
  });

  it("returns the journal and the flows table, and reset restores the seeded state", async () => {
    const id = await createFlow(emu, "extra");
    const journal = await call(emu, "GET", "/__emulator/journal");
    expect(journal.body.entries).toEqual([
      expect.objectContaining({
        method: "POST",
        route: "create",
        status: 200,
        name: "extra",
        flowId: id,
        path: `/v23.0/${emu.wabaId}/flows`,
      }),
    ]);
    const since = await call(emu, "GET", "/__emulator/journal?since=999999");
    expect(since.body.entries).toEqual([]);
    const flows = await call(emu, "GET", "/__emulator/flows");
    expect((flows.body.flows as { name: string }[]).map((f) => f.name)).toEqual(["seeded", "extra"]);
    await call(emu, "POST", "/__emulator/faults", { json: { code: 1 } });
    expect((await call(emu, "POST", "/__emulator/reset")).body).toEqual({ success: true });
    expect(emu.flows().map((f) => [f.id, f.name])).toEqual([["9000", "seeded"]]);
    expect(emu.journal()).toEqual([]);
    expect((await call(emu, "GET", `/${emu.wabaId}`)).status).toBe(200);
  });

  it("needs no token and answers unknown control routes with 404", async () => {
    expect((await call(emu, "GET", "/__emulator/health", { token: null })).body).toEqual({ ok: true });
    expect((await call(emu, "GET", "/__emulator/nope")).status).toBe(404);
  });
});
