/**
 * The few fields we read from S3's XML answers (error Code/Message, a listing's keys and
 * continuation token). S3's answers are flat and machine-written, so reading them by tag is
 * enough and spares an XML parser dependency.
 */
export function xmlField(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return match === null ? undefined : decodeEntities(match[1]!);
}

/** Every `<tag>…</tag>` block's inner text, in order. */
export function xmlBlocks(xml: string, tag: string): string[] {
  const out: string[] = [];
  const pattern = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "g");
  for (let match = pattern.exec(xml); match !== null; match = pattern.exec(xml)) out.push(match[1]!);
  return out;
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, name: string) => {
    switch (name) {
      case "amp":
        return "&";
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "quot":
        return '"';
      case "apos":
        return "'";
      default:
        return String.fromCodePoint(
          name.startsWith("#x") ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10),
        );
    }
  });
}
