// The configs `npm run demo` runs with, built from integration_tests/sample_config.json. They live
// apart from demo.mjs so that a unit test (test/unit/config/shipped-configs.test.ts) can validate
// exactly what the demo writes against spec/spec.json without running the demo.

/** The sample config pointed at a Graph API base URL (the advanced stream's URL follows it). */
export function sampleConfigAt(sample, { token, graphUrl }) {
  return {
    ...sample,
    access_token: token,
    base_url: graphUrl,
    streams: sample.streams.map((s) =>
      s.endpoint.template === "advanced"
        ? { ...s, endpoint: { ...s.endpoint, url: s.endpoint.url.replace(sample.base_url, graphUrl) } }
        : s,
    ),
  };
}

/** The demo's own run: the emulator, and every outcome forwarded, signed, to its webhook receiver. */
export function demoRunConfig(sample, { token, graphUrl, webhookUrl, signingSecret }) {
  return {
    ...sampleConfigAt(sample, { token, graphUrl }),
    response_webhook: {
      mode: "webhook",
      url: webhookUrl,
      signing_secret: signingSecret,
      include_record: true,
    },
  };
}
