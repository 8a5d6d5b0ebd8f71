import { GraphErrorReply } from "./graph-error-reply.js";
import { invalidParam, missingParam } from "./graph-errors.js";
import type { RouteContext } from "./route-context.js";

/** A body parameter, else the query-string one (Graph accepts both). */
export function param(ctx: RouteContext, name: string): unknown {
  const value = ctx.body.fields[name];
  if (value !== undefined) return value;
  return ctx.query.get(name) ?? undefined;
}

export function optionalString(ctx: RouteContext, name: string): string | undefined {
  const value = param(ctx, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new GraphErrorReply(invalidParam(name, "must be a string"));
}

export function requiredString(ctx: RouteContext, name: string): string {
  const value = optionalString(ctx, name);
  if (value === undefined || value.trim() === "") throw new GraphErrorReply(missingParam(name));
  return value;
}

export function optionalBoolean(ctx: RouteContext, name: string): boolean | undefined {
  const value = param(ctx, name);
  if (value === undefined || value === null || value === "") return undefined;
  if (value === true || value === "true" || value === "1") return true;
  if (value === false || value === "false" || value === "0") return false;
  throw new GraphErrorReply(invalidParam(name, "must be a boolean"));
}

const FLOW_CATEGORIES = [
  "SIGN_UP",
  "SIGN_IN",
  "APPOINTMENT_BOOKING",
  "LEAD_GENERATION",
  "SHOPPING",
  "CONTACT_US",
  "CUSTOMER_SUPPORT",
  "SURVEY",
  "OTHER",
] as const;

/** `categories` arrives as a JSON-encoded array string (forms) or an array (JSON bodies). */
export function optionalCategories(ctx: RouteContext): string[] | undefined {
  let value = param(ctx, "categories");
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      throw new GraphErrorReply(invalidParam("categories", "must be a JSON encoded array of strings"));
    }
  }
  if (!Array.isArray(value) || value.length === 0) {
    throw new GraphErrorReply(invalidParam("categories", "must be a non-empty array"));
  }
  return value.map((item, i) => {
    if (typeof item !== "string" || !(FLOW_CATEGORIES as readonly string[]).includes(item)) {
      throw new GraphErrorReply(
        invalidParam(
          `categories[${i}]`,
          `must be one of {${FLOW_CATEGORIES.join(", ")}} - got "${String(item)}".`,
        ),
      );
    }
    return item;
  });
}

export function optionalHttpsUrl(ctx: RouteContext, name: string): string | undefined {
  const value = optionalString(ctx, name);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new GraphErrorReply(invalidParam(name, "must be a valid URL"));
  }
  if (url.protocol !== "https:") throw new GraphErrorReply(invalidParam(name, "must be an https URL"));
  return value;
}
