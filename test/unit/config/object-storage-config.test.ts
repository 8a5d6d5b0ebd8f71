import { describe, expect, it } from "vitest";
import { secretsOf } from "../../../src/config/index.js";
import { ConfigError } from "../../../src/errors/index.js";
import { parseConfig } from "../../../src/operations/index.js";

const base = {
  access_token: "EAAG-secret-token",
  waba_id: "102290129340398",
  streams: [{ stream_name: "invites", endpoint: { template: "send_published_flow" } }],
};
const s3 = {
  storage_type: "S3",
  access_key_id: "AKIAEXAMPLEKEY000001",
  secret_access_key: "s3-secret-access-key-value",
  s3_bucket_name: "rejects",
};

describe("object_storage_config", () => {
  it("defaults to None: no rejected-record files and no ledger", () => {
    expect(parseConfig(base).object_storage_config).toEqual({ storage_type: "None" });
  });

  it("reads an S3 config with the toolkit's defaults and the ledger on for 72 hours", () => {
    expect(parseConfig({ ...base, object_storage_config: s3 }).object_storage_config).toEqual({
      ...s3,
      s3_bucket_region: "",
      bucket_path: "",
      send_ledger: true,
      ledger_window_hours: 72,
      ambiguous_sends: "report",
    });
  });

  it("takes ambiguous_sends report (the default) or resend, nothing else", () => {
    const storage = (ambiguous_sends: unknown) =>
      parseConfig({ ...base, object_storage_config: { ...s3, ambiguous_sends } }).object_storage_config;
    expect(storage("resend")).toMatchObject({ ambiguous_sends: "resend" });
    expect(storage("report")).toMatchObject({ ambiguous_sends: "report" });
    expect(() => storage("retry")).toThrow(/ambiguous_sends/);
  });

  it("names the field of a bad S3 config without echoing values", () => {
    let error: unknown;
    try {
      parseConfig({
        ...base,
        object_storage_config: { ...s3, s3_bucket_region: "moon-1", s3_bucket_name: "" },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain("object_storage_config.s3_bucket_region");
    expect((error as Error).message).not.toContain(s3.secret_access_key);
  });

  it("registers both access keys as secrets, even in a config that fails validation", () => {
    const secrets = secretsOf({ object_storage_config: { ...s3, s3_bucket_name: 42 } });
    expect(secrets).toEqual(expect.arrayContaining([s3.access_key_id, s3.secret_access_key]));
  });
});
