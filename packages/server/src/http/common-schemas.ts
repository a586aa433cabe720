/**
 * Schemas shared by several routes: ids in paths, paging, the error object and the problem body.
 * They validate requests and generate the OpenAPI document, so the two cannot drift apart.
 */
import { z } from "@hono/zod-openapi";
import { ExecutionStatus } from "@durably/sdk/protocol";
import type { Problem } from "./problem-response.ts";

/** Largest page a list or history request may ask for (§10.1 MaxItems ≤ 1000). */
const maxPageSize = 1000;
/** Page size when MaxItems is absent. */
export const defaultPageSize = 100;

/** An execution status (§10). */
export const ExecutionStatusSchema: z.ZodEnum<typeof ExecutionStatus> = z
  .enum(ExecutionStatus)
  .openapi("ExecutionStatus");

type ErrorObjectShape = {
  ErrorMessage: z.ZodOptional<z.ZodString>;
  ErrorType: z.ZodOptional<z.ZodString>;
  ErrorData: z.ZodOptional<z.ZodString>;
  StackTrace: z.ZodOptional<z.ZodArray<z.ZodString>>;
};

/** `ErrorObject` of the protocol (§3). Unknown members are refused: a misspelt one would be lost. */
export const ErrorObjectSchema: z.ZodObject<ErrorObjectShape, z.core.$strict> = z
  .strictObject({
    ErrorMessage: z.string().optional(),
    ErrorType: z.string().optional(),
    ErrorData: z.string().optional(),
    StackTrace: z.array(z.string()).optional(),
  })
  .openapi("ErrorObject");

/** The body of every error response (RFC 9457 with a stable `code`). */
const ProblemSchema: z.ZodType<Problem> = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().openapi({
      description: "Stable error code (e.g. NOT_FOUND, VALIDATION_FAILED, UNAUTHORIZED).",
    }),
    issues: z
      .array(z.object({ location: z.string(), path: z.string(), message: z.string() }))
      .optional(),
  })
  .openapi("Problem");

/** Response content of every error. */
export const problemContent: { "application/problem+json": { schema: z.ZodType<Problem> } } = {
  "application/problem+json": { schema: ProblemSchema },
};

/** The `{DurableExecutionArn}` path parameter (percent-encoded: it contains `/` and `:`). */
export const ExecutionArnParamsSchema: z.ZodObject<
  { DurableExecutionArn: z.ZodString },
  z.core.$strict
> = z.strictObject({
  DurableExecutionArn: z
    .string()
    .min(1)
    .max(2048)
    .openapi({
      param: { name: "DurableExecutionArn", in: "path" },
      description: "The execution's DurableExecutionArn, percent-encoded.",
    }),
});

/** Page size of a list: 1..1000. */
export const MaxItemsSchema: z.ZodOptional<z.ZodCoercedNumber<unknown>> = z.coerce
  .number()
  .int()
  .min(1)
  .max(maxPageSize)
  .optional()
  .openapi({
    type: "integer",
    minimum: 1,
    maximum: maxPageSize,
    description: `Page size, 1..${maxPageSize} (default ${defaultPageSize}).`,
  });

/** Opaque paging marker from a previous page's NextMarker. */
export const MarkerSchema: z.ZodOptional<z.ZodString> = z
  .string()
  .min(1)
  .max(4096)
  .optional()
  .openapi({ description: "NextMarker of the previous page, unchanged." });

/** A `true`/`false` query flag. */
export const QueryFlagSchema: z.ZodOptional<
  z.ZodPipe<z.ZodEnum<{ true: "true"; false: "false" }>, z.ZodTransform<boolean, "true" | "false">>
> = z
  .enum(["true", "false"])
  .transform((value) => value === "true")
  .optional();
