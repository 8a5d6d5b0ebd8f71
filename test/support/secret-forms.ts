/**
 * Finds a secret in text in any form a server or our own code could have put it in: raw, a
 * 10-character prefix, percent-encoded (any case, "+" for spaces) and base64 / base64url at any
 * alignment. Written independently of the redactor (it decodes the text rather than encoding the
 * secret), so it does not share the redactor's mistakes.
 */
export function secretHits(text: string, secret: string): string[] {
  const hits: string[] = [];
  if (text.includes(secret)) hits.push("raw");
  if (text.includes(secret.slice(0, 10))) hits.push("10-character prefix");
  if (percentDecoded(text).includes(secret)) hits.push("percent-encoded");
  if (base64Decodes(text, Buffer.from(secret, "utf8"))) hits.push("base64");
  return hits;
}

function percentDecoded(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2}|\+)+/g, (run) => {
    try {
      return decodeURIComponent(run.replace(/\+/g, "%20"));
    } catch {
      return run;
    }
  });
}

/** Every run of base64 characters, decoded from each of its first four characters. */
function base64Decodes(text: string, secret: Buffer): boolean {
  for (const [run] of text.matchAll(/[A-Za-z0-9+/_-]{8,}/g)) {
    const standard = run.replace(/-/g, "+").replace(/_/g, "/");
    for (let shift = 0; shift < 4; shift++) {
      const usable = standard.slice(shift, shift + Math.floor((standard.length - shift) / 4) * 4);
      if (Buffer.from(usable, "base64").includes(secret)) return true;
    }
  }
  return false;
}
