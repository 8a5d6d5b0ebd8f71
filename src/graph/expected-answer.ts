/**
 * What a 2xx answer must hold to be the success Meta documents for the call (Meta's OpenAPI and
 * Flows collection). A call that names one is a success only with that answer: an HTML page from
 * a proxy, an empty body, `{}` or JSON of another shape is not Meta's answer, whatever its status.
 */
export type ExpectedAnswer =
  /** A send: `messages[0].id`, a message id `wamid.…`. */
  | "message_id"
  /** A create (Flow, message template): a non-empty string `id`. */
  | "object_id"
  /**
   * A change to a Flow (JSON, metadata, publish, deprecate, delete): a boolean `success`;
   * `false` is Meta's own refusal, which the operation reads.
   */
  | "success_flag";

const DESCRIPTION: Readonly<Record<ExpectedAnswer, string>> = {
  message_id: 'a message id ("messages": [{"id": "wamid.…"}])',
  object_id: 'an object id ("id")',
  success_flag: 'a "success" flag',
};

export function describeExpectedAnswer(expected: ExpectedAnswer): string {
  return DESCRIPTION[expected];
}

export function answerHolds(expected: ExpectedAnswer, body: unknown): boolean {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const fields = body as Record<string, unknown>;
  switch (expected) {
    case "message_id": {
      const first: unknown = Array.isArray(fields.messages) ? fields.messages[0] : undefined;
      const id = typeof first === "object" && first !== null ? (first as { id?: unknown }).id : undefined;
      return typeof id === "string" && id.startsWith("wamid.") && id.length > "wamid.".length;
    }
    case "object_id":
      return typeof fields.id === "string" && fields.id !== "";
    case "success_flag":
      return typeof fields.success === "boolean";
  }
}

/** What the answer was, in words that hold none of its content (it may echo record data). */
export function describeBody(body: unknown): string {
  if (typeof body === "string") {
    const text = body.trimStart();
    if (text === "") return "an empty body";
    return text.startsWith("<") ? "an HTML page" : "a body that is not JSON";
  }
  if (Array.isArray(body)) return "a JSON array";
  if (typeof body === "object" && body !== null) {
    return Object.keys(body).length === 0 ? "an empty JSON object" : "a JSON object of another shape";
  }
  return `JSON ${body === null ? "null" : typeof body}`;
}
