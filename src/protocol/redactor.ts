/**
 * Last line of defence against leaking secrets: every line we print passes through it. Errors and
 * logs are written not to contain secrets in the first place; this catches what slips through
 * (an upstream error message echoing a header, say).
 */
export const REDACTED = "**********";

export class Redactor {
  private readonly needles: string[] = [];

  /** Secrets shorter than this are too likely to match innocent text (and too weak to matter). */
  private static readonly MIN_LENGTH = 4;

  add(secret: string | undefined | null): this {
    if (!secret || secret.length < Redactor.MIN_LENGTH) return this;
    for (const form of encodedForms(secret)) {
      if (form.length >= Redactor.MIN_LENGTH && !this.needles.includes(form)) this.needles.push(form);
    }
    // Longest first, so a secret that contains another is replaced whole.
    this.needles.sort((a, b) => b.length - a.length);
    return this;
  }

  get size(): number {
    return this.needles.length;
  }

  /** Every occurrence of every form is replaced, not only the first. */
  redact(text: string): string {
    let out = text;
    for (const needle of this.needles) {
      if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    }
    return out;
  }
}

/**
 * The forms in which a secret reaches our output when a server echoes it: raw; JSON-escaped once
 * (inside a serialised line) and twice (a body kept as a string inside an envelope); percent-
 * encoded (upper- and lower-case hex, and form encoding's "+" for a space); and base64 and
 * base64url at each of the three byte alignments it can have inside a longer encoded text.
 */
function encodedForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const percent = encodeURIComponent(secret);
  const forms = [
    secret,
    json,
    JSON.stringify(json).slice(1, -1),
    percent,
    percent.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    new URLSearchParams({ s: secret }).toString().slice(2),
  ];
  const bytes = Buffer.from(secret, "utf8");
  for (let offset = 0; offset < 3; offset++) {
    const base64 = alignedBase64(bytes, offset);
    forms.push(base64, base64.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return [...new Set(forms)];
}

/**
 * The base64 characters that encode only the secret's bytes when it starts `offset` bytes into a
 * 3-byte group: the characters it shares with its neighbours are left out, so the fragment is
 * found whatever surrounds the secret in the encoded text.
 */
function alignedBase64(bytes: Buffer, offset: number): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), bytes])
    .toString("base64")
    .replace(/=+$/, "");
  const lead = offset === 0 ? 0 : offset + 1;
  const whole = Math.floor(((offset + bytes.length) * 8) / 6);
  return encoded.slice(lead, whole);
}
