/**
 * An execution's journal: its operations, and its history events as `GetDurableExecutionHistory`
 * returns them (protocol.md §10.1, §11), both paged with Marker / MaxItems.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "./bearer-auth.ts";
import {
  defaultPageSize,
  ExecutionArnParamsSchema,
  MarkerSchema,
  MaxItemsSchema,
  problemContent,
  QueryFlagSchema,
} from "./common-schemas.ts";
import { withoutExecutionData } from "./execution-data-filter.ts";
import type { HttpApp, RouteDeps } from "./http-env.ts";
import { EventSchema, OperationSchema } from "./journal-schemas.ts";
import { readHistoryPage, readOperationsPage } from "./journal-pages.ts";
import { decodePageMarker, encodePageMarker, invalidMarker } from "./page-marker.ts";

const errors = {
  400: { description: "Invalid page size or marker.", content: problemContent },
  401: { description: "Missing or invalid token.", content: problemContent },
  403: { description: "Token lacks the admin scope.", content: problemContent },
  404: { description: "No such execution.", content: problemContent },
};

/** Registers the operations and history routes. */
export function registerJournalRoutes(app: HttpApp, { engine }: RouteDeps): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/durable-executions/{DurableExecutionArn}/operations",
      summary: "List an execution's operations in creation order (EXECUTION first)",
      tags: ["executions"],
      middleware: [requireScope("admin")],
      request: {
        params: ExecutionArnParamsSchema,
        query: z.strictObject({ Marker: MarkerSchema, MaxItems: MaxItemsSchema }),
      },
      responses: {
        200: {
          description: "A page of operations.",
          content: {
            "application/json": {
              schema: z
                .object({ Operations: z.array(OperationSchema), NextMarker: z.string().optional() })
                .openapi("ListOperationsResponse"),
            },
          },
        },
        ...errors,
      },
    }),
    async (c) => {
      const { DurableExecutionArn } = c.req.valid("param");
      const { Marker, MaxItems } = c.req.valid("query");
      const offset = Marker === undefined ? 0 : decodePageMarker(Marker, "operations").offset;
      const page = await readOperationsPage(
        engine,
        DurableExecutionArn,
        offset,
        MaxItems ?? defaultPageSize,
      );
      return c.json(
        page.next === undefined
          ? { Operations: page.items }
          : {
              Operations: page.items,
              NextMarker: encodePageMarker({ kind: "operations", offset: page.next }),
            },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/durable-executions/{DurableExecutionArn}/history",
      summary: "Get an execution's history events (GetDurableExecutionHistory)",
      tags: ["executions"],
      middleware: [requireScope("admin")],
      request: {
        params: ExecutionArnParamsSchema,
        query: z.strictObject({
          Marker: MarkerSchema,
          MaxItems: MaxItemsSchema,
          ReverseOrder: QueryFlagSchema.openapi({ description: "Newest first." }),
          IncludeExecutionData: QueryFlagSchema.openapi({
            description: "Include inputs, results and errors (default true).",
          }),
        }),
      },
      responses: {
        200: {
          description: "A page of events, by EventId.",
          content: {
            "application/json": {
              schema: z
                .object({ Events: z.array(EventSchema), NextMarker: z.string().optional() })
                .openapi("GetDurableExecutionHistoryResponse"),
            },
          },
        },
        ...errors,
      },
    }),
    async (c) => {
      const { DurableExecutionArn } = c.req.valid("param");
      const query = c.req.valid("query");
      const reverse = query.ReverseOrder === true;
      const marker =
        query.Marker === undefined ? undefined : decodePageMarker(query.Marker, "history");
      // A marker's position only means something in the order it was issued for.
      if (marker !== undefined && marker.reverse !== reverse)
        throw invalidMarker("Marker was issued for the other ReverseOrder.");
      const page = await readHistoryPage(engine, DurableExecutionArn, {
        reverse,
        maxItems: query.MaxItems ?? defaultPageSize,
        ...(marker === undefined ? {} : { boundary: marker.eventId }),
      });
      const events =
        query.IncludeExecutionData === false ? page.items.map(withoutExecutionData) : page.items;
      return c.json(
        page.next === undefined
          ? { Events: events }
          : {
              Events: events,
              NextMarker: encodePageMarker({ kind: "history", eventId: page.next, reverse }),
            },
        200,
      );
    },
  );
}
