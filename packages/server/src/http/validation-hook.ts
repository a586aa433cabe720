/**
 * Turns a failed schema validation into VALIDATION_FAILED, listing every issue with where it was.
 * Validation runs before any handler, so a rejected request changes nothing.
 */
import type { Context } from "hono";
import type { z } from "@hono/zod-openapi";
import { ServerError } from "./server-error.ts";
import type { ValidationIssue } from "./server-error.ts";

const locations: Readonly<Record<string, string>> = {
  json: "body",
  query: "query",
  param: "path",
  header: "header",
};

/** The outcome of one validator, as @hono/zod-openapi hands it to a hook. */
export type ValidationResult =
  | { success: true; target: string }
  | { success: false; target: string; error: z.ZodError };

/** Hook for every route: throws VALIDATION_FAILED on failure (rendered by the app's error handler). */
export function validationHook(result: ValidationResult, _c: Context): undefined {
  if (result.success) return undefined;
  const location = locations[result.target] ?? result.target;
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    location,
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
  const summary = issues
    .map((i) => `${i.location}${i.path === "" ? "" : ` ${i.path}`}: ${i.message}`)
    .join("; ");
  throw new ServerError("VALIDATION_FAILED", `Invalid request (${summary}).`, { issues });
}
