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
    // A secret can appear raw, or JSON-escaped inside a serialised line, or URL-encoded.
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]) {
      if (!this.needles.includes(form)) this.needles.push(form);
    }
    // Longest first, so a secret that contains another is replaced whole.
    this.needles.sort((a, b) => b.length - a.length);
    return this;
  }

  get size(): number {
    return this.needles.length;
  }

  redact(text: string): string {
    let out = text;
    for (const needle of this.needles) {
      if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    }
    return out;
  }
}
