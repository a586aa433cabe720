/**
 * Response schemas of an execution's journal: operations (protocol.md §4) and history events (§11),
 * with instants as ISO-8601 strings. Typed against the protocol types, so they cannot drift from them.
 */
import { EventType, OperationStatus, OperationType } from "@durably/sdk/protocol";
import type { Event, Operation } from "@durably/sdk/protocol";
import { z } from "@hono/zod-openapi";
import type { JSONParsed } from "hono/utils/types";
import { ErrorObjectSchema } from "./common-schemas.ts";

const text = z.string().optional();
const instant = z.iso.datetime().optional();
const error = ErrorObjectSchema.optional();

/** An operation record (§4). */
export const OperationSchema: z.ZodType<JSONParsed<Operation>> = z
  .object({
    Id: z.string(),
    ParentId: text,
    Name: text,
    Type: z.enum(OperationType),
    SubType: text,
    StartTimestamp: instant,
    EndTimestamp: instant,
    Status: z.enum(OperationStatus),
    ExecutionDetails: z.object({ InputPayload: text }).optional(),
    ContextDetails: z
      .object({ ReplayChildren: z.boolean().optional(), Result: text, Error: error })
      .optional(),
    StepDetails: z
      .object({
        Attempt: z.number().int().optional(),
        NextAttemptTimestamp: instant,
        Result: text,
        Error: error,
      })
      .optional(),
    WaitDetails: z.object({ ScheduledEndTimestamp: instant }).optional(),
    CallbackDetails: z.object({ CallbackId: text, Result: text, Error: error }).optional(),
    ChainedInvokeDetails: z.object({ Result: text, Error: error }).optional(),
  })
  .openapi("Operation");

const payload = z.object({ Payload: text, Truncated: z.boolean().optional() }).optional();
const eventError = z.object({ Payload: error, Truncated: z.boolean().optional() }).optional();
const retry = z
  .object({
    CurrentAttempt: z.number().int().optional(),
    NextAttemptDelaySeconds: z.number().optional(),
  })
  .optional();
const withResult = z.object({ Result: payload }).optional();
const withError = z.object({ Error: eventError }).optional();
const empty = z.object({}).optional();

/** A history event (§11); exactly one `…Details` member is set, matching EventType. */
export const EventSchema: z.ZodType<JSONParsed<Event>> = z
  .object({
    EventType: z.enum(EventType),
    EventId: z.number().int(),
    EventTimestamp: z.iso.datetime(),
    Id: text,
    Name: text,
    ParentId: text,
    SubType: text,
    ExecutionStartedDetails: z
      .object({ Input: payload, ExecutionTimeout: z.number().optional() })
      .optional(),
    ExecutionSucceededDetails: withResult,
    ExecutionFailedDetails: withError,
    ExecutionTimedOutDetails: withError,
    ExecutionStoppedDetails: withError,
    ContextStartedDetails: empty,
    ContextSucceededDetails: withResult,
    ContextFailedDetails: withError,
    StepStartedDetails: empty,
    StepSucceededDetails: z.object({ Result: payload, RetryDetails: retry }).optional(),
    StepFailedDetails: z.object({ Error: eventError, RetryDetails: retry }).optional(),
    WaitStartedDetails: z
      .object({ Duration: z.number().optional(), ScheduledEndTimestamp: instant })
      .optional(),
    WaitSucceededDetails: z.object({ Duration: z.number().optional() }).optional(),
    WaitCancelledDetails: withError,
    CallbackStartedDetails: z
      .object({
        CallbackId: text,
        Timeout: z.number().optional(),
        HeartbeatTimeout: z.number().optional(),
      })
      .optional(),
    CallbackSucceededDetails: withResult,
    CallbackFailedDetails: withError,
    CallbackTimedOutDetails: withError,
    ChainedInvokeStartedDetails: z
      .object({
        FunctionName: text,
        TenantId: text,
        Input: payload,
        ExecutedVersion: text,
        DurableExecutionArn: text,
      })
      .optional(),
    ChainedInvokeSucceededDetails: withResult,
    ChainedInvokeFailedDetails: withError,
    ChainedInvokeTimedOutDetails: withError,
    ChainedInvokeStoppedDetails: withError,
    InvocationCompletedDetails: z
      .object({
        StartTimestamp: instant,
        EndTimestamp: instant,
        RequestId: text,
        Error: eventError,
      })
      .optional(),
  })
  .openapi("Event");
