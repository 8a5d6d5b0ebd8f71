/**
 * Every secret a config may carry, read from the raw JSON so that even a config that fails
 * validation cannot leak its token into an error message.
 */
export function secretsOf(raw: unknown): string[] {
  const secrets: string[] = [];
  if (typeof raw !== "object" || raw === null) return secrets;
  const config = raw as Record<string, unknown>;
  pushString(secrets, config.access_token);
  const webhook = config.response_webhook;
  if (typeof webhook === "object" && webhook !== null) {
    const w = webhook as Record<string, unknown>;
    pushString(secrets, w.signing_secret);
    if (typeof w.headers === "string") {
      for (const pair of w.headers.split(",")) {
        const colon = pair.indexOf(":");
        if (colon > 0) pushString(secrets, pair.slice(colon + 1).trim());
      }
    }
  }
  return secrets;
}

function pushString(into: string[], value: unknown): void {
  if (typeof value === "string" && value.length > 0) into.push(value);
}
