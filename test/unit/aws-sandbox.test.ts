import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AWS_SANDBOX, withAwsSandbox } from "../support/aws-sandbox.js";

describe("the AWS sandbox every test runs in (vitest setupFiles)", () => {
  it("keeps the SDK off the instance-metadata address and the machine's ~/.aws", () => {
    expect(process.env.AWS_EC2_METADATA_DISABLED).toBe("true");
    expect(process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(existsSync(process.env.AWS_CONFIG_FILE!)).toBe(false);
    expect(existsSync(process.env.AWS_SHARED_CREDENTIALS_FILE!)).toBe(false);
  });

  it("leaves no AWS variable of the shell that started the tests", () => {
    const names = Object.keys(process.env).filter((name) => name.startsWith("AWS_"));
    expect(names.sort()).toEqual(Object.keys(AWS_SANDBOX).sort());
  });

  it("a child's env cannot turn metadata back on: the sandbox is applied last", () => {
    const env = withAwsSandbox({ AWS_EC2_METADATA_DISABLED: "false", AWS_ACCESS_KEY_ID: "AKIATEST" });
    expect(env.AWS_EC2_METADATA_DISABLED).toBe("true");
    expect(env.AWS_ACCESS_KEY_ID).toBe("AKIATEST");
  });
});
