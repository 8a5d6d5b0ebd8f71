import type { GraphBody } from "../../graph/index.js";
import type { GraphPlan } from "./graph-plan.js";
import type { RequestSummary } from "./operation.js";

export interface PlanDescription {
  readonly request: RequestSummary;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** The Authorization header as a dry run shows it: present, never its value. */
export const MASKED_AUTHORIZATION = "Bearer ***";

/**
 * A plan as a dry run prints it: method and URL (no token is ever in it), the headers we would
 * send with Authorization masked, and the body. File parts are summarised by name, filename, size
 * and content type rather than dumped.
 */
export function describeGraphPlan(plan: GraphPlan): PlanDescription {
  const headers: Record<string, string> = {};
  const extra = plan.request.headers;
  if (extra !== undefined) for (const name in extra) headers[name] = extra[name]!;
  headers.Authorization = MASKED_AUTHORIZATION;
  const contentType = contentTypeOf(plan.request.body);
  if (contentType !== undefined) headers["Content-Type"] = contentType;
  return { request: plan.summary, headers, body: describeBody(plan.request.body) };
}

function contentTypeOf(body: GraphBody): string | undefined {
  switch (body.kind) {
    case "none":
      return undefined;
    case "json":
      return "application/json";
    case "form":
      return "application/x-www-form-urlencoded";
    case "multipart":
      return "multipart/form-data";
  }
}

function describeBody(body: GraphBody): unknown {
  switch (body.kind) {
    case "none":
      return null;
    case "json":
      return body.value;
    case "form":
      return body.fields;
    case "multipart":
      return {
        parts: body.parts.map((part) =>
          "filename" in part
            ? {
                name: part.name,
                filename: part.filename,
                content_type: part.contentType,
                size:
                  typeof part.content === "string"
                    ? Buffer.byteLength(part.content, "utf8")
                    : part.content.byteLength,
              }
            : { name: part.name, value: part.value },
        ),
      };
  }
}
