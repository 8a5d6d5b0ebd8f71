/** The one assertion every e2e test ends with: no configured secret in anything we produced. */
export function assertNoSecrets(outputs: Record<string, string>, secrets: readonly string[]): void {
  for (const secret of secrets) {
    if (!secret) continue;
    for (const [where, text] of Object.entries(outputs)) {
      if (text.includes(secret)) throw new Error(`a configured secret appears in ${where}`);
    }
  }
}
