/**
 * The JSON the console reads from the HTTP API. Operations and history events are the protocol's
 * records (spec/protocol.md §4, §11) as JSON carries them (instants as ISO-8601 text), the same
 * `JSONParsed<…>` types the API's response schemas are declared with.
 */
import type {
  ErrorObject,
  Event,
  EventType,
  ExecutionStatus,
  Operation,
  OperationStatus,
  OperationType,
} from "@durably/sdk/protocol";
import type { JSONParsed } from "hono/utils/types";

export type { ErrorObject, EventType, ExecutionStatus, OperationStatus, OperationType };

/** An operation as the API returns it. */
export type ApiOperation = JSONParsed<Operation>;

/** A history event as the API returns it. */
export type ApiEvent = JSONParsed<Event>;

/** Executions as the API lists and returns them. */
export type { ExecutionListItem, ExecutionView } from "../../../src/http/execution-view.ts";
