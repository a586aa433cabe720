/**
 * Reading, listing and stopping executions (protocol.md §10.1 `GetDurableExecution`,
 * `ListDurableExecutionsByFunction`, `StopDurableExecution`), plus a list across functions.
 */
import type { ExecutionQuery } from "@durably/store";
import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "./bearer-auth.ts";
import {
  defaultPageSize,
  ErrorObjectSchema,
  ExecutionArnParamsSchema,
  ExecutionStatusSchema,
  MarkerSchema,
  MaxItemsSchema,
  problemContent,
  QueryFlagSchema,
} from "./common-schemas.ts";
import { ExecutionListItemSchema, ExecutionSchema } from "./execution-schemas.ts";
import { toExecutionListItem, toExecutionView } from "./execution-view.ts";
import type { HttpApp, RouteDeps } from "./http-env.ts";
import { limitBody } from "./limit-body.ts";

const authErrors = {
  401: { description: "Missing or invalid token.", content: problemContent },
  403: { description: "Token lacks the admin scope.", content: problemContent },
};

const instant = z.iso.datetime({ offset: true }).transform((text) => Date.parse(text));

// Statuses may be repeated (?Statuses=A&Statuses=B) or comma-separated (?Statuses=A,B).
const statuses = z.preprocess(
  (value) => (Array.isArray(value) ? value : [value]).flatMap((s) => String(s).split(",")),
  z.array(ExecutionStatusSchema).min(1),
);

const listFilters = {
  Statuses: statuses.optional().openapi({
    type: "array",
    items: { type: "string", enum: Object.values(ExecutionStatusSchema.enum) },
    description:
      "Only executions in these statuses (repeat the parameter or separate with commas).",
  }),
  DurableExecutionNamePrefix: z.string().min(1).max(64).optional().openapi({
    description: "Only executions whose name starts with this.",
  }),
  StartedAfter: instant.optional().openapi({
    type: "string",
    format: "date-time",
    description: "Only executions started at or after this instant.",
  }),
  StartedBefore: instant.optional().openapi({
    type: "string",
    format: "date-time",
    description: "Only executions started before this instant.",
  }),
  ReverseOrder: QueryFlagSchema.openapi({ description: "Oldest first (default newest first)." }),
  Marker: MarkerSchema,
  MaxItems: MaxItemsSchema,
};

const listResponse = z
  .object({
    DurableExecutions: z.array(ExecutionListItemSchema),
    NextMarker: z.string().optional(),
  })
  .openapi("ListDurableExecutionsResponse");

const listResponses = {
  200: {
    description: "A page of executions.",
    content: { "application/json": { schema: listResponse } },
  },
  400: { description: "Invalid filter, page size or marker.", content: problemContent },
  ...authErrors,
};

/** Registers get, list and stop. */
export function registerExecutionRoutes(app: HttpApp, { engine, limits }: RouteDeps): void {
  const list = async (query: ListQuery) => {
    const page = await engine.listExecutions(toExecutionQuery(query));
    const DurableExecutions = page.items.map(toExecutionListItem);
    return page.nextCursor === undefined
      ? { DurableExecutions }
      : { DurableExecutions, NextMarker: page.nextCursor };
  };

  app.openapi(
    createRoute({
      method: "get",
      path: "/durable-executions",
      summary: "List executions of every function",
      tags: ["executions"],
      middleware: [requireScope("admin")],
      request: {
        query: z.strictObject({
          FunctionName: z
            .string()
            .min(1)
            .max(256)
            .optional()
            .openapi({ description: "Only this function's executions." }),
          ...listFilters,
        }),
      },
      responses: listResponses,
    }),
    async (c) => c.json(await list(c.req.valid("query")), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/functions/{FunctionName}/durable-executions",
      summary: "List executions of one function (ListDurableExecutionsByFunction)",
      tags: ["executions"],
      middleware: [requireScope("admin")],
      request: {
        params: z.strictObject({
          FunctionName: z
            .string()
            .min(1)
            .max(256)
            .openapi({ param: { name: "FunctionName", in: "path" } }),
        }),
        query: z.strictObject(listFilters),
      },
      responses: listResponses,
    }),
    async (c) => {
      const { FunctionName } = c.req.valid("param");
      return c.json(await list({ ...c.req.valid("query"), FunctionName }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/durable-executions/{DurableExecutionArn}",
      summary: "Get an execution (GetDurableExecution)",
      tags: ["executions"],
      middleware: [requireScope("admin")],
      request: { params: ExecutionArnParamsSchema },
      responses: {
        200: {
          description: "The execution.",
          content: { "application/json": { schema: ExecutionSchema } },
        },
        404: { description: "No such execution.", content: problemContent },
        ...authErrors,
      },
    }),
    async (c) => {
      const { DurableExecutionArn } = c.req.valid("param");
      return c.json(toExecutionView(await engine.getExecution(DurableExecutionArn)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/durable-executions/{DurableExecutionArn}/stop",
      summary: "Stop a running execution (StopDurableExecution)",
      tags: ["executions"],
      middleware: [requireScope("admin"), limitBody(limits.maxErrorBodyBytes, "error body")],
      request: {
        params: ExecutionArnParamsSchema,
        body: {
          description: "The error to record (optional).",
          content: { "application/json": { schema: ErrorObjectSchema } },
          required: false,
        },
      },
      responses: {
        200: {
          description: "Stopped.",
          content: {
            "application/json": {
              schema: z.object({ StopTimestamp: z.iso.datetime().optional() }),
            },
          },
        },
        400: { description: "Invalid error body.", content: problemContent },
        404: { description: "No such execution.", content: problemContent },
        409: { description: "The execution has already finished.", content: problemContent },
        413: { description: "Body too large.", content: problemContent },
        415: { description: "Body is not JSON.", content: problemContent },
        ...authErrors,
      },
    }),
    async (c) => {
      const { DurableExecutionArn } = c.req.valid("param");
      const error = c.req.valid("json");
      // No body validates as {}: stop without an error rather than with an empty one.
      const stopped = await engine.stopExecution(
        DurableExecutionArn,
        Object.keys(error).length === 0 ? undefined : error,
      );
      const at = stopped.endedAt;
      return c.json(at === undefined ? {} : { StopTimestamp: new Date(at).toISOString() }, 200);
    },
  );
}

interface ListQuery {
  FunctionName?: string | undefined;
  Statuses?: (typeof ExecutionStatusSchema)["options"] | undefined;
  DurableExecutionNamePrefix?: string | undefined;
  StartedAfter?: number | undefined;
  StartedBefore?: number | undefined;
  ReverseOrder?: boolean | undefined;
  Marker?: string | undefined;
  MaxItems?: number | undefined;
}

function toExecutionQuery(query: ListQuery): ExecutionQuery {
  const out: ExecutionQuery = { limit: query.MaxItems ?? defaultPageSize };
  if (query.FunctionName !== undefined) out.functionName = query.FunctionName;
  if (query.Statuses !== undefined) out.statuses = query.Statuses;
  if (query.DurableExecutionNamePrefix !== undefined)
    out.namePrefix = query.DurableExecutionNamePrefix;
  if (query.StartedAfter !== undefined) out.startedAfter = query.StartedAfter;
  if (query.StartedBefore !== undefined) out.startedBefore = query.StartedBefore;
  if (query.ReverseOrder === true) out.reverse = true;
  if (query.Marker !== undefined) out.cursor = query.Marker;
  return out;
}
