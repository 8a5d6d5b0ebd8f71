/**
 * What a user can find a record by in their source, without printing personal data: the
 * recipient masked to its last 4 digits, the Flow's id or name. Read off the record's own fields
 * (every operation names them the same way), so it is known even for a record that was rejected
 * before it was planned.
 */
export function recordKey(data: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (data === undefined) return undefined;
  const parts: string[] = [];
  const to = data.to;
  if (typeof to === "string" || typeof to === "number") parts.push(`to=${maskRecipient(String(to))}`);
  const flowId = data.flow_id;
  if (typeof flowId === "string" || typeof flowId === "number")
    parts.push(`flow_id=${short(String(flowId))}`);
  else if (typeof data.flow_name === "string") parts.push(`flow_name=${quoted(data.flow_name)}`);
  if (typeof data.name === "string") parts.push(`name=${quoted(data.name)}`);
  if (typeof data.template_name === "string") parts.push(`template_name=${quoted(data.template_name)}`);
  return parts.length === 0 ? undefined : parts.join(" ");
}

/** "…4567": enough to tell recipients apart in a report, not enough to contact anyone. */
function maskRecipient(to: string): string {
  const digits = to.replace(/\D/g, "");
  return `…${digits.slice(-4)}`;
}

const MAX_SHOWN = 64;

function short(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

function quoted(text: string): string {
  return JSON.stringify(short(text));
}
