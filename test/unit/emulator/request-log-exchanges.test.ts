import { afterEach, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../../src/emulator/index.js";
import { call, createFlow, flowMessage } from "./harness.js";

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const journal = async (e: RunningEmulator) =>
  (await call(e, "GET", "/__emulator/journal")).body as {
    entries: Array<Record<string, unknown>>;
    exchanges: boolean;
    uncaptured: number;
  };

describe("the request log's exchanges (bodies and answers)", () => {
  it("are off by default: the request log keeps what it kept before", async () => {
    emu = await startEmulator();
    await createFlow(emu, "plain");
    const listed = await journal(emu);
    expect(listed.exchanges).toBe(false);
    expect(listed.entries[0]).not.toHaveProperty("exchange");
  });

  it("once turned on through the control API, keep the request and the answer, never the token", async () => {
    emu = await startEmulator({ flows: [{ id: "9000", name: "live", status: "PUBLISHED" }] });
    expect((await call(emu, "POST", "/__emulator/journal", { json: { exchanges: true } })).body).toEqual({
      exchanges: true,
    });
    const form = new FormData();
    form.set("name", "with_file");
    form.set("categories", '["OTHER"]');
    form.set("file", new Blob(['{"version":"7.3"}'], { type: "application/json" }), "flow.json");
    await call(emu, "POST", `/${emu.wabaId}/flows`, { multipart: form });
    await call(emu, "POST", `/${emu.phoneNumberIds[0]}/messages`, { json: flowMessage({ flow_id: "9000" }) });
    await call(emu, "GET", `/9000?fields=id,status&access_token=${emu.token}`, { token: null });
    const [create, send, get] = (await journal(emu)).entries as Array<{ exchange: Record<string, unknown> }>;
    expect(create!.exchange).toMatchObject({
      bodyKind: "multipart",
      body: { name: "with_file", categories: '["OTHER"]' },
      files: { file: { filename: "flow.json", contentType: "application/json", bytes: 17 } },
      credential: "bearer",
      response: { id: expect.any(String) },
    });
    expect(send!.exchange).toMatchObject({
      bodyKind: "json",
      contentType: "application/json",
      body: { messaging_product: "whatsapp", type: "interactive" },
      response: { messages: [{ id: expect.stringMatching(/^wamid\./) }] },
    });
    expect(get!.exchange).toMatchObject({
      query: { fields: "id,status" },
      credential: "query",
      bodyKind: "none",
    });
    expect(JSON.stringify(await journal(emu))).not.toContain(emu.token);
  });

  it("stop at their byte budget and count what they left out", async () => {
    emu = await startEmulator({ journalExchanges: true, journalExchangeBytes: 300 });
    for (let i = 0; i < 4; i++) await createFlow(emu, `flow_${i}`);
    const listed = await journal(emu);
    const kept = listed.entries.filter((e) => e.exchange !== undefined).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(4);
    expect(listed.uncaptured).toBe(4 - kept);
    await call(emu, "POST", "/__emulator/reset");
    expect((await journal(emu)).uncaptured).toBe(0);
  });

  it("refuse a switch that is not a boolean", async () => {
    emu = await startEmulator();
    const answer = await call(emu, "POST", "/__emulator/journal", { json: { exchanges: "yes" } });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: "exchanges must be a boolean" });
  });

  it("counts the entries it drops by route, so a run past its limit still knows how many sends it had", async () => {
    emu = await startEmulator({
      journalLimit: 4,
      flows: [{ id: "9000", name: "live", status: "PUBLISHED" }],
    });
    await call(emu, "GET", "/9000?fields=id,status");
    for (let i = 0; i < 6; i++) {
      await call(emu, "POST", `/${emu.phoneNumberIds[0]}/messages`, {
        json: flowMessage({ flow_id: "9000" }),
      });
    }
    const listed = (await call(emu, "GET", "/__emulator/journal")).body as {
      entries: Array<{ route: string }>;
      dropped: number;
      dropped_by_route: Record<string, number>;
    };
    const kept = listed.entries.filter((e) => e.route === "send").length;
    expect(listed.dropped).toBeGreaterThan(0);
    expect(kept + (listed.dropped_by_route.send ?? 0)).toBe(6);
    expect(Object.values(listed.dropped_by_route).reduce((a, b) => a + b, 0)).toBe(listed.dropped);
  });
});
