/**
 * Response schemas of executions, shared by the start route and the execution routes.
 */
import { z } from "@hono/zod-openapi";
import { ErrorObjectSchema, ExecutionStatusSchema } from "./common-schemas.ts";
import type { ExecutionListItem, ExecutionView } from "./execution-view.ts";

const listItemShape = {
  DurableExecutionArn: z.string(),
  DurableExecutionName: z.string(),
  FunctionName: z.string(),
  FunctionArn: z.string().optional(),
  Status: ExecutionStatusSchema,
  StartTimestamp: z.iso.datetime(),
  EndTimestamp: z.iso.datetime().optional(),
};

/** An execution in a list (`Execution` of protocol.md §10). */
export const ExecutionListItemSchema: z.ZodType<ExecutionListItem> = z
  .object(listItemShape)
  .openapi("ExecutionListItem");

/** One execution with its payloads (`GetDurableExecution` of §10.1). */
export const ExecutionSchema: z.ZodType<ExecutionView> = z
  .object({
    ...listItemShape,
    InputPayload: z.string().optional().openapi({ description: "JSON text of the input." }),
    Result: z.string().optional().openapi({ description: "JSON text of the result." }),
    Error: ErrorObjectSchema.optional(),
    DurableConfig: z.object({ ExecutionTimeout: z.number().int() }).optional(),
  })
  .openapi("Execution");
