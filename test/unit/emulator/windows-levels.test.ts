import { afterEach, describe, expect, it } from "vitest";
import { LEVEL_MPS } from "../../../src/emulator/account/phone-facts.js";
import type { GraphErrorReply } from "../../../src/emulator/graph-error-reply.js";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../../src/emulator/index.js";
import { RateLimiter } from "../../../src/emulator/rate-limits.js";
import { call, errorOf, flowMessage, publishedFlow } from "./harness.js";

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});
async function emulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emu = await startEmulator(options);
  running.push(emu);
  return emu;
}

const HELLO = [{ name: "hello", language: "en", components: [{ type: "BODY", text: "Hello" }] }];
const template = (to: string) => ({
  messaging_product: "whatsapp",
  to,
  type: "template",
  template: { name: "hello", language: { code: "en" } },
});

describe("the 24-hour customer-service window", () => {
  it("is open for every recipient by default", async () => {
    const emu = await emulator();
    const id = await publishedFlow(emu, "f");
    const r = await call(emu, "POST", `/${emu.phoneNumberIds[0]}/messages`, {
      json: flowMessage({ flow_id: id }),
    });
    expect(r.status).toBe(200);
  });

  it("when enforced, answers 131047 to interactive sends until the control API opens the window", async () => {
    const emu = await emulator({ customerServiceWindow: "enforced", templates: HELLO });
    const id = await publishedFlow(emu, "f");
    const send = () =>
      call(emu, "POST", `/${emu.phoneNumberIds[0]}/messages`, { json: flowMessage({ flow_id: id }) });
    const closed = await send();
    expect([closed.status, errorOf(closed).code]).toEqual([400, 131047]);
    expect(errorOf(closed).message).toBe("(#131047) Re-engagement message");
    const byTemplate = await call(emu, "POST", `/${emu.phoneNumberIds[0]}/messages`, {
      json: template("15550001111"),
    });
    expect(byTemplate.status).toBe(200); // a template needs no window
    const opened = await call(emu, "POST", "/__emulator/windows", { json: { open: ["+1 555 000 1111"] } });
    expect(opened.body).toMatchObject({
      mode: "enforced",
      windows: [{ recipient: "15550001111", open: true }],
    });
    expect((await send()).status).toBe(200);
    const expired = Date.now() - 25 * 3600 * 1000;
    await call(emu, "POST", "/__emulator/windows", { json: { open: ["15550001111"], at: expired } });
    expect(errorOf(await send()).code).toBe(131047);
    await call(emu, "POST", "/__emulator/windows", { json: { mode: "open" } });
    expect((await send()).status).toBe(200);
    emu.reset();
    expect((await call(emu, "GET", "/__emulator/windows")).body).toEqual({ mode: "enforced", windows: [] });
  });

  it("rejects bad window requests with 400", async () => {
    const emu = await emulator();
    for (const json of [{ mode: "sometimes" }, { open: "15550001111" }, { open: ["1"], at: "yesterday" }]) {
      expect((await call(emu, "POST", "/__emulator/windows", { json })).status).toBe(400);
    }
  });
});

describe("throughput level, quality rating and the messaging limit", () => {
  it("shows them on the phone number node the way Meta names them", async () => {
    const emu = await emulator({
      phoneNumberIds: ["111", "222"],
      phoneNumbers: { "222": { throughputLevel: "HIGH", qualityRating: "YELLOW" } },
      messagingLimit: "TIER_2K",
    });
    const fields = "throughput,quality_rating,whatsapp_business_manager_messaging_limit";
    const a = await call(emu, "GET", `/111?fields=${fields}`);
    expect(a.body).toEqual({
      id: "111",
      throughput: { level: "STANDARD" },
      quality_rating: "GREEN",
      whatsapp_business_manager_messaging_limit: "TIER_2K",
    });
    expect((await call(emu, "GET", `/222?fields=${fields}`)).body).toMatchObject({
      throughput: { level: "HIGH" },
      quality_rating: "YELLOW",
    });
    expect(Object.keys((await call(emu, "GET", "/111")).body).sort()).toEqual([
      "display_phone_number",
      "id",
      "quality_rating",
      "verified_name",
    ]);
    expect(errorOf(await call(emu, "GET", "/111?fields=nope")).code).toBe(100);
    await call(emu, "POST", "/__emulator/phone_numbers/111", {
      json: { throughput_level: "HIGH", quality_rating: "RED" },
    });
    await call(emu, "POST", "/__emulator/messaging_limit", { json: { tier: "TIER_UNLIMITED" } });
    expect((await call(emu, "GET", `/111?fields=${fields}`)).body).toMatchObject({
      throughput: { level: "HIGH" },
      quality_rating: "RED",
      whatsapp_business_manager_messaging_limit: "TIER_UNLIMITED",
    });
    const list = await call(emu, "GET", `/${emu.wabaId}/phone_numbers`);
    expect((list.body.data as Array<{ throughput: unknown }>).map((p) => p.throughput)).toEqual([
      { level: "HIGH" },
      { level: "HIGH" },
    ]);
    expect(
      (await call(emu, "POST", "/__emulator/phone_numbers/111", { json: { throughput_level: "TURBO" } }))
        .status,
    ).toBe(400);
    expect(
      (await call(emu, "POST", "/__emulator/messaging_limit", { json: { tier: "TIER_7" } })).status,
    ).toBe(400);
  });

  it("with throughputByLevel, answers 130429 past the level's rate within one second", () => {
    const rates: Record<string, number> = { std: LEVEL_MPS.STANDARD, high: LEVEL_MPS.HIGH };
    const limiter = new RateLimiter({ throughputByLevel: true }, (phone) => rates[phone]!);
    const second = 5_000;
    const sends = (phone: string, n: number): number[] => {
      const codes: number[] = [];
      for (let i = 0; i < n; i++) {
        try {
          limiter.check(phone, `r${i}`, second + i * 0.5);
          codes.push(200);
        } catch (error) {
          codes.push((error as GraphErrorReply).spec.code);
        }
      }
      return codes;
    };
    expect(sends("std", 81)).toEqual([...Array(80).fill(200), 130429]);
    expect(sends("high", 1001)).toEqual([...Array(1000).fill(200), 130429]);
    expect(() => limiter.check("std", "r", second + 1000)).not.toThrow(); // the next second
    expect(() => new RateLimiter({}, () => 80).check("std", "r", second)).not.toThrow(); // off by default
  });

  it("counts unique business-initiated recipients against the messaging limit (131048 past it)", async () => {
    const emu = await emulator({
      customerServiceWindow: "enforced",
      templates: HELLO,
      messagingLimit: "TIER_250",
    });
    const send = (to: string) =>
      call(emu, "POST", `/${emu.phoneNumberIds[0]}/messages`, { json: template(to) });
    for (let i = 0; i < 250; i++)
      expect((await send(`1555100${String(i).padStart(4, "0")}`)).status).toBe(200);
    expect((await send("15551000000")).status).toBe(200); // already reached: no extra cost
    const over = await send("15559999999");
    expect([over.status, errorOf(over).code]).toEqual([400, 131048]);
    await call(emu, "POST", "/__emulator/windows", { json: { open: ["15559999999"] } });
    expect((await send("15559999999")).status).toBe(200); // inside a window: not business-initiated
    expect((await call(emu, "GET", "/__emulator/phone_numbers")).body).toMatchObject({
      messaging_limit: "TIER_250",
      business_initiated_recipients_24h: 250,
    });
  });
});
