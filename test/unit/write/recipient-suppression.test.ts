import { describe, expect, it } from "vitest";
import { checkGuardrailRules, DEFAULT_GUARDRAILS } from "../../../src/config/index.js";
import { ConfigError } from "../../../src/errors/index.js";
import { parseConfig } from "../../../src/operations/catalog/connector-config.js";
import { sendTargetOf } from "../../../src/operations/index.js";
import { RecipientSends, recipientKey } from "../../../src/write/suppression/recipient-sends.js";
import { SuppressionDamagedError } from "../../../src/write/suppression/suppression-damaged-error.js";
import { type SuppressionCode, suppressionLine } from "../../../src/write/suppression/suppression-entry.js";
import { SuppressionList } from "../../../src/write/suppression/suppression-list.js";
import { SuppressionObjects } from "../../../src/write/suppression/suppression-objects.js";
import { stillSuppressed, suppressionPeriods } from "../../../src/write/suppression/suppression-periods.js";
import { MemoryStore } from "./support/memory-store.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const valid = {
  access_token: "EAAG-secret-token",
  waba_id: "102290129340398",
  streams: [{ stream_name: "invites", endpoint: { template: "send_flow_template" } }],
};
const s3 = {
  storage_type: "S3",
  access_key_id: "AKIA",
  secret_access_key: "secret",
  s3_bucket_name: "b",
  s3_bucket_region: "eu-west-1",
  bucket_path: "p",
};

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("suppression periods", () => {
  const periods = suppressionPeriods({ ...DEFAULT_GUARDRAILS, experiment_suppression_days: 0 });

  it("keeps an opt-out (131050) until cleared by default, and 131049 for its days", () => {
    expect(stillSuppressed(131050, T0, T0 + 3650 * DAY, periods)).toBe(true);
    expect(stillSuppressed(131049, T0, T0 + DAY - 1, periods)).toBe(true);
    expect(stillSuppressed(131049, T0, T0 + DAY, periods)).toBe(false);
  });

  it("does not remember a code whose period is 0", () => {
    expect(stillSuppressed(130472, T0, T0, periods)).toBe(false);
  });

  it("ends an opt-out after opt_out_suppression_days when they are set", () => {
    const set = suppressionPeriods({ ...DEFAULT_GUARDRAILS, opt_out_suppression_days: 30 });
    expect(stillSuppressed(131050, T0, T0 + 30 * DAY - 1, set)).toBe(true);
    expect(stillSuppressed(131050, T0, T0 + 30 * DAY, set)).toBe(false);
  });
});

describe("suppression list", () => {
  const periods = suppressionPeriods(DEFAULT_GUARDRAILS);
  const entry = (e: "suppress" | "clear", at: number, code: SuppressionCode = 131050) =>
    e === "clear"
      ? ({ e, from: "1", to: "+15550001", at, sync: "s" } as const)
      : ({ e, from: "1", to: "+15550001", at, sync: "s", code } as const);

  it("holds a pair back until a later clear; another sender's sends are not held", () => {
    const list = new SuppressionList(periods, () => T0 + DAY);
    list.apply(entry("suppress", T0));
    expect(list.find("1", "+15550001")).toEqual({ code: 131050, at: T0 });
    expect(list.find("2", "+15550001")).toBeUndefined();
    list.apply(entry("clear", T0 + 1));
    expect(list.find("1", "+15550001")).toBeUndefined();
  });

  it("drops an entry whose period is over when it is read (memory holds what still holds)", () => {
    const list = new SuppressionList(periods, () => T0 + 2 * DAY);
    list.apply(entry("suppress", T0, 131049));
    expect(list.size).toBe(0);
  });

  it("refuses more recipients than its bound, naming the fields that shorten it", () => {
    const list = new SuppressionList(periods, () => T0, 1);
    list.apply(entry("suppress", T0));
    expect(() => list.apply({ ...entry("suppress", T0), to: "+15550002" } as never)).toThrow(
      /guardrails.opt_out_suppression_days/,
    );
  });
});

describe("suppression objects", () => {
  /** Objects read in two chunks cut mid-line: a line may span chunks. */
  const splitStore = () => new MemoryStore(7);
  const line = (value: object) => `${JSON.stringify(value)}\n`;

  it("reads every object in key order (the later word wins) and skips kinds it does not know", async () => {
    const store = splitStore();
    const objects = new SuppressionObjects(store, "p/_whatsapp_flows_suppression/");
    const suppress = { e: "suppress", from: "1", to: "+15550001", code: 131050, at: T0, sync: "a" };
    await store.put(objects.entryKey(new Date(T0), "a", "r", 0), line(suppress) + line({ e: "later_kind" }));
    await store.put(
      objects.entryKey(new Date(T0 + 1), "b", "r", 0),
      line({ e: "clear", from: "1", to: "+15550001", at: T0 + 1, sync: "b" }),
    );
    const seen: string[] = [];
    await objects.load((entry) => seen.push(entry.e));
    expect(seen).toEqual(["suppress", "clear"]);
  });

  it("refuses a damaged object, naming its key", async () => {
    const store = splitStore();
    const objects = new SuppressionObjects(store, "p/_whatsapp_flows_suppression/");
    const key = objects.entryKey(new Date(T0), "a", "r", 0);
    await store.put(key, '{"e":"suppress","from":"1","to":"+1555"'); // cut short
    const failure = await objects.load(() => undefined).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SuppressionDamagedError);
    expect((failure as Error).message).toContain(`s3://b/${key}`);
  });

  it("a line without its fields is damaged; an unknown code is too", () => {
    expect(() => suppressionLine('{"e":"suppress","from":"1","to":"+1","at":1,"code":100}', 3)).toThrow(
      "line 3 is a suppression suppress without its fields",
    );
    expect(suppressionLine('{"e":"other"}', 1)).toBeUndefined();
  });
});

describe("recipient sends (the frequency cap's count)", () => {
  it("counts succeeded sends with a recipient key inside the window, and this sync's reservations", () => {
    const key = recipientKey("1", "+15550001");
    const sends = new RecipientSends(T0);
    sends.addLedgerEntry({ e: "outcome", id: "a", at: T0 - 1, kind: "succeeded", r: key });
    sends.addLedgerEntry({ e: "outcome", id: "b", at: T0, kind: "succeeded", r: key });
    sends.addLedgerEntry({ e: "outcome", id: "c", at: T0, kind: "rejected", r: key });
    sends.addLedgerEntry({ e: "outcome", id: "d", at: T0, kind: "succeeded" });
    sends.addLedgerEntry({ e: "intent", id: "e", at: T0, sync: "s", stream: "x", op: "y" });
    expect(sends.count(key)).toBe(1);
    sends.reserve(key);
    expect(sends.count(key)).toBe(2);
    sends.release(key);
    expect(sends.count(key)).toBe(1);
    expect(recipientKey("2", "+15550001")).not.toBe(key);
  });
});

describe("send targets", () => {
  it("a template send is marketing unless its category says otherwise; other plans have no target", () => {
    const plan = { phoneNumberId: "1", recipient: "+15550001", templateName: "promo" };
    expect(sendTargetOf(plan)).toMatchObject({ marketing: true, clearOptOut: false });
    expect(sendTargetOf({ ...plan, category: "UTILITY" })?.marketing).toBe(false);
    expect(sendTargetOf({ phoneNumberId: "1", recipient: "+15550001" })?.marketing).toBe(false);
    expect(sendTargetOf({ ...plan, clearOptOut: true })?.clearOptOut).toBe(true);
    expect(sendTargetOf({ flowId: "1" })).toBeUndefined();
  });
});

describe("guardrail settings", () => {
  it("refuses a suppression period out of range, naming the field", () => {
    expect(
      messageOf(() => parseConfig({ ...valid, guardrails: { marketing_limit_suppression_days: 4000 } })),
    ).toContain("guardrails.marketing_limit_suppression_days");
    expect(messageOf(() => parseConfig({ ...valid, guardrails: { opt_out_suppression_days: 0 } }))).toContain(
      "guardrails.opt_out_suppression_days",
    );
  });

  it("fills the documented defaults when guardrails are not given", () => {
    expect(parseConfig(valid).guardrails).toMatchObject({
      marketing_limit_suppression_days: 1,
      experiment_suppression_days: 30,
      frequency_window_hours: 24,
    });
    expect(parseConfig(valid).guardrails.opt_out_suppression_days).toBeUndefined();
  });

  it("a cap needs object storage, the send ledger and a ledger window as wide as its own", () => {
    const capped = (extra: Record<string, unknown>) =>
      parseConfig({ ...valid, guardrails: { max_messages_per_recipient: 2 }, ...extra });
    expect(messageOf(() => checkGuardrailRules(capped({})))).toContain(
      "guardrails.max_messages_per_recipient needs object storage",
    );
    expect(
      messageOf(() => checkGuardrailRules(capped({ object_storage_config: { ...s3, send_ledger: false } }))),
    ).toContain("object_storage_config.send_ledger is off");
    const wide = parseConfig({
      ...valid,
      guardrails: { max_messages_per_recipient: 2, frequency_window_hours: 100 },
      object_storage_config: s3,
    });
    expect(messageOf(() => checkGuardrailRules(wide))).toContain("guardrails.frequency_window_hours (100)");
    expect(() => checkGuardrailRules(capped({ object_storage_config: s3 }))).not.toThrow();
    expect(() => checkGuardrailRules(parseConfig(valid))).not.toThrow();
  });
});
