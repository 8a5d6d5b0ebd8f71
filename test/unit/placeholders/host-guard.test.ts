import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/errors/index.js";
import {
  allowsAddress,
  assertUrlAllowed,
  HostGuard,
  HostNotAllowedError,
  isForbiddenAddress,
  trustedHostSet,
} from "../../../src/placeholders/index.js";

const graph = { baseUrl: "https://graph.facebook.com", allowedHosts: [] as string[] };

function refusal(url: string, policy = graph): HostNotAllowedError {
  try {
    assertUrlAllowed(new URL(url), policy);
  } catch (error) {
    expect(error).toBeInstanceOf(HostNotAllowedError);
    expect(error).toBeInstanceOf(ConfigError);
    return error as HostNotAllowedError;
  }
  throw new Error(`expected ${url} to be refused`);
}

describe("assertUrlAllowed", () => {
  it("allows the base_url host, with or without its default port", () => {
    expect(() =>
      assertUrlAllowed(new URL("https://graph.facebook.com/v23.0/1/publish"), graph),
    ).not.toThrow();
    expect(() => assertUrlAllowed(new URL("https://GRAPH.facebook.com:443/x"), graph)).not.toThrow();
  });

  it("refuses other hosts, ports, schemes and credentials", () => {
    expect(refusal("https://evil.example/x").code).toBe("ERR_HOST_NOT_ALLOWED");
    expect(refusal("https://graph.facebook.com:8443/x").message).toContain("not the base_url host");
    expect(refusal("http://graph.facebook.com/x").message).toContain("not the base_url host");
    expect(refusal("ftp://graph.facebook.com/x").message).toContain("scheme");
    expect(refusal("https://u:p@graph.facebook.com/x").message).toContain("credentials");
  });

  it("allows listed hosts exactly, with an optional port", () => {
    const policy = {
      baseUrl: graph.baseUrl,
      allowedHosts: ["hooks.example.com", "api.example.com:8443", "93.184.216.34"],
    };
    for (const url of [
      "https://hooks.example.com/a",
      "http://hooks.example.com/a",
      "https://api.example.com:8443/",
      "http://93.184.216.34/",
    ]) {
      expect(() => assertUrlAllowed(new URL(url), policy)).not.toThrow();
    }
    expect(() => assertUrlAllowed(new URL("https://x.hooks.example.com/"), policy)).toThrow(
      HostNotAllowedError,
    );
    expect(() => assertUrlAllowed(new URL("https://hooks.example.com:444/"), policy)).toThrow(
      HostNotAllowedError,
    );
    expect(() => assertUrlAllowed(new URL("https://api.example.com/"), policy)).toThrow(HostNotAllowedError);
    expect(() => assertUrlAllowed(new URL("http://93.184.216.35/"), policy)).toThrow(HostNotAllowedError);
  });

  it.each([
    "http://169.254.169.254/latest/meta-data",
    "http://127.0.0.1:8080/",
    "http://0x7f.1/",
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[fd00:ec2::254]/",
    "http://[fe80::1]/",
    "http://10.0.0.1/",
    "http://172.16.5.4/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://localhost:3000/",
  ])("refuses %s as a forbidden address", (url) => {
    expect(refusal(url).message).toContain("private, loopback, link-local or metadata");
  });

  it("allows a forbidden address only as the base_url host: listing it does not open it", () => {
    const emulator = { baseUrl: "http://127.0.0.1:4010", allowedHosts: ["169.254.169.254", "[::1]:9000"] };
    expect(() => assertUrlAllowed(new URL("http://127.0.0.1:4010/v23.0/x"), emulator)).not.toThrow();
    expect(() => assertUrlAllowed(new URL("http://169.254.169.254/"), emulator)).toThrow(/even when listed/);
    expect(() => assertUrlAllowed(new URL("http://[::1]:9000/"), emulator)).toThrow(/even when listed/);
    expect(() => assertUrlAllowed(new URL("http://127.0.0.1:4011/"), emulator)).toThrow(HostNotAllowedError);
  });

  it("refuses a malformed allowed_hosts entry or base_url", () => {
    for (const entry of ["https://x.example", "x.example/path", "", "a b"]) {
      expect(() => new HostGuard({ baseUrl: graph.baseUrl, allowedHosts: [entry] })).toThrow(
        HostNotAllowedError,
      );
    }
    expect(() => new HostGuard({ baseUrl: "graph.facebook.com", allowedHosts: [] })).toThrow(
      HostNotAllowedError,
    );
  });
});

describe("allowsAddress (connect-time check)", () => {
  const trusted = trustedHostSet([
    "http://localhost:4010",
    "https://hooks.internal.example/hook?x=1",
    "[::1]",
  ]);
  it("allows public addresses and refuses internal ones behind any other name, listed or not", () => {
    expect(allowsAddress(trusted, "hooks.example.com", "93.184.216.34")).toBe(true);
    expect(allowsAddress(trusted, "hooks.example.com", "169.254.169.254")).toBe(false);
    expect(allowsAddress(trusted, "hooks.example.com", "::ffff:10.0.0.1")).toBe(false);
    expect(allowsAddress(trusted, "hooks.example.com", "10.0.0.7")).toBe(false);
    expect(allowsAddress(trusted, "10.0.0.7", "10.0.0.7")).toBe(false);
  });
  it("allows configured endpoint hosts on any address (the emulator lives on loopback)", () => {
    expect(allowsAddress(trusted, "localhost", "127.0.0.1")).toBe(true);
    expect(allowsAddress(trusted, "LOCALHOST", "::1")).toBe(true);
    expect(allowsAddress(trusted, "hooks.internal.example", "10.0.0.7")).toBe(true);
    expect(allowsAddress(trusted, "::1", "::1")).toBe(true);
  });
});

describe("isForbiddenAddress", () => {
  it.each([
    "10.1.2.3",
    "172.31.255.255",
    "192.168.0.1",
    "100.127.0.1",
    "127.0.0.1",
    "127.255.255.254",
    "169.254.169.254",
    "0.0.0.0",
    "255.255.255.255",
    "224.0.0.1",
    "::",
    "::1",
    "[::1]",
    "::ffff:127.0.0.1",
    "::ffff:a9fe:a9fe",
    "::ffff:10.0.0.1",
    "64:ff9b::a9fe:a9fe",
    "2002:a9fe:a9fe::1",
    "fc00::1",
    "fd00:ec2::254",
    "fe80::1%eth0",
    "febf::1",
    "ff02::1",
    "0x7f000001",
    "2130706433",
    "0177.0.0.1",
    "0x7f.1",
    "127.1",
    "localhost",
    "LOCALHOST.",
    "a.localhost",
    "metadata.google.internal",
    "",
  ])("%s is forbidden", (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each([
    "8.8.8.8",
    "93.184.216.34",
    "172.32.0.1",
    "172.15.255.255",
    "100.128.0.1",
    "169.255.0.1",
    "11.0.0.1",
    "2a03:2880:f10c:83:face:b00c:0:25de",
    "2001:4860:4860::8888",
    "::ffff:8.8.8.8",
    "graph.facebook.com",
  ])("%s is allowed", (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });
});
