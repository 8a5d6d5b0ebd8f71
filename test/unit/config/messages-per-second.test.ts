import { describe, expect, it } from "vitest";
import { configuredPace } from "../../../src/commands/send-pace.js";
import { configuredSenders } from "../../../src/commands/sender-facts.js";
import { sendRateOf } from "../../../src/config/index.js";
import { ConfigError } from "../../../src/errors/index.js";
import { parseConfig } from "../../../src/operations/index.js";

const base = {
  access_token: "EAAG-secret-token",
  waba_id: "102290129340398",
  phone_number_id: "111",
  streams: [
    { stream_name: "a", endpoint: { template: "send_published_flow", phone_number_id: "222" } },
    { stream_name: "b", endpoint: { template: "publish_flow" } },
  ],
};
const rateOf = (messages_per_second?: unknown) =>
  sendRateOf(
    parseConfig({
      ...base,
      ...(messages_per_second === undefined ? {} : { throughput: { messages_per_second } }),
    }).throughput.messages_per_second,
  );

describe("messages_per_second", () => {
  it('defaults to "auto" and takes a rate from "0" to "1000" as a string, as the spec and the form do', () => {
    expect(rateOf()).toBe("auto");
    expect(rateOf("auto")).toBe("auto");
    expect(rateOf("80")).toBe(80);
    expect(rateOf("12.5")).toBe(12.5);
    expect(rateOf("0")).toBe(0);
    expect(rateOf("1000")).toBe(1000);
  });

  it("refuses a JSON number, saying to write it in quotes, instead of reading it as a rate", () => {
    for (const number of [80, 0, 12.5]) {
      expect(() => rateOf(number)).toThrow(ConfigError);
      expect(() => rateOf(number)).toThrow(
        'throughput.messages_per_second: must be a string: "auto" or a rate from "0" to "1000" in quotes, e.g. "80" (not the number 80)',
      );
    }
  });

  it("refuses other words, signs, exponents and rates above 1,000 as a config error naming the field", () => {
    for (const bad of ["fast", "1001", "1000.5", "-1", "", " 80", "1e3", "Auto"]) {
      expect(() => rateOf(bad), bad).toThrow(
        'throughput.messages_per_second: must be "auto" or a rate from "0" to "1000", e.g. "80"',
      );
    }
  });

  it("paces auto at Meta's default until a sender's level is known, and a number at that number", () => {
    expect(configuredPace(parseConfig(base))).toEqual({ messagesPerSecond: 80 });
    expect(configuredPace(parseConfig({ ...base, throughput: { messages_per_second: "40" } }))).toEqual({
      messagesPerSecond: 40,
    });
    expect(configuredSenders(parseConfig(base))).toEqual(["111", "222"]);
  });
});
