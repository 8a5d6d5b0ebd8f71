import { classificationOf } from "../../graph/index.js";
import type { CallTally } from "../contract/call-tally.js";
import type { OperationEnv } from "../contract/operation-env.js";
import { isPlainObject } from "../records/record-fields.js";
import { managementRead } from "./graph-call.js";
import { configErrorFor } from "./graph-failure.js";

/** Enough for any WABA (Meta pages 25 at a time by default); a guard against paging loops. */
const MAX_PAGES = 500;
const PAGE_SIZE = "100";

export type PagesResult =
  | { readonly ok: true; readonly status: number }
  | { readonly ok: false; readonly error: unknown };

/**
 * Pages through a list edge of the WABA (`flows`, `message_templates`) along
 * `paging.cursors.after`, handing each entry to `visit` until it answers true (stop) or the list
 * ends. A token or permission problem throws the config error every call would; "does not exist"
 * throws `missing` (the configured WABA is wrong); any other failure comes back as a value.
 */
export async function pageWabaEdge(
  env: OperationEnv,
  edge: string,
  query: Readonly<Record<string, string>>,
  visit: (item: unknown) => boolean,
  signal: AbortSignal | undefined,
  tally: CallTally,
  missing: (error: unknown) => Error | undefined,
): Promise<PagesResult> {
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const pageQuery: Record<string, string> = { ...query, limit: PAGE_SIZE };
    if (after !== undefined) pageQuery.after = after;
    const result = await managementRead(
      env,
      { path: `${env.wabaId}/${edge}`, query: pageQuery },
      signal,
      tally,
    );
    if (!result.ok) {
      const classification = classificationOf(result.error);
      if (classification.kind === "config") throw configErrorFor(result.error, "management", classification);
      const notFound = missing(result.error);
      if (notFound !== undefined) throw notFound;
      return { ok: false, error: result.error };
    }
    const body = result.response.body;
    const data = isPlainObject(body) && Array.isArray(body.data) ? body.data : [];
    for (const item of data) {
      if (visit(item)) return { ok: true, status: result.response.status };
    }
    after = nextCursor(body);
    if (after === undefined) return { ok: true, status: result.response.status };
  }
  return { ok: false, error: new Error(`more than ${MAX_PAGES} pages of ${edge}`) };
}

function nextCursor(body: unknown): string | undefined {
  if (!isPlainObject(body) || !isPlainObject(body.paging)) return undefined;
  const paging = body.paging;
  // Graph omits `next` on the last page even though `cursors.after` is still there.
  if (typeof paging.next !== "string" || paging.next === "") return undefined;
  const cursors = paging.cursors;
  return isPlainObject(cursors) && typeof cursors.after === "string" && cursors.after !== ""
    ? cursors.after
    : undefined;
}
