/**
 * Runs one invocation of a claimed execution: loads its state into a session, builds the input,
 * calls the handler (renewing the lease while it runs long), then writes the invocation's end.
 */
import type {
  DurableExecutionClient,
  DurableExecutionInvocationOutput,
  ErrorObject,
} from "@durably/sdk/protocol";
import type { ExecutionRecord } from "@durably/store";
import type { DurableFunctionHandler, InvocationContext } from "../api/engine-api.ts";
import { hasErrorCode } from "@durably/store";
import type { CheckpointService } from "../checkpoint/checkpoint-service.ts";
import { copyOperation, ExecutionSession } from "../checkpoint/execution-session.ts";
import { pruneOperations } from "../checkpoint/prune-operations.ts";
import type { EngineContext } from "../internal/engine-context.ts";
import { toErrorObject } from "../internal/error-object.ts";
import type { ChainedInvokes } from "../lifecycle/chained-invokes.ts";
import { planCompletion } from "./invocation-completion.ts";
import type { CompletionPlan, InvocationFacts, InvocationResult } from "./invocation-completion.ts";
import { DurableExecutionInvocationInputWithClient } from "@durably/sdk/protocol";
import { createInvocationContext } from "./lambda-context.ts";

const maxInlineOperations = 1000;

/** Runs invocations of claimed executions. */
export class InvocationRunner {
  readonly #ctx: EngineContext;
  readonly #checkpoints: CheckpointService;
  readonly #client: DurableExecutionClient;
  readonly #chained: ChainedInvokes;
  /** Handler calls made since creation (progress marker for the idle driver). */
  invokedCount = 0;

  constructor(
    ctx: EngineContext,
    checkpoints: CheckpointService,
    client: DurableExecutionClient,
    chained: ChainedInvokes,
  ) {
    this.#ctx = ctx;
    this.#checkpoints = checkpoints;
    this.#client = client;
    this.#chained = chained;
  }

  /** Runs one invocation of `claimed` (whose lease this engine now holds) and releases it. */
  async run(claimed: ExecutionRecord): Promise<void> {
    const handler = this.#ctx.functions.get(claimed.functionName);
    if (handler === undefined || claimed.status !== "RUNNING") {
      await this.#putBack(claimed);
      return;
    }
    const session = await ExecutionSession.load(this.#ctx.store, claimed);
    this.#checkpoints.sessions.set(session.executionId, session);
    try {
      await this.#chained.recover(session);
      await this.#invoke(session, handler);
      await this.#chained.afterInvocation(session);
    } finally {
      this.#checkpoints.sessions.delete(session.executionId);
    }
  }

  async #invoke(session: ExecutionSession, handler: DurableFunctionHandler): Promise<void> {
    const { clock, ids, hub, config } = this.#ctx;
    const facts: InvocationFacts = {
      invocationId: ids.uuid(),
      startedAt: clock.now(),
      startVersion: session.record.version,
    };
    session.initialState = pruneOperations(session.operations.values());
    const input = new DurableExecutionInvocationInputWithClient(
      {
        DurableExecutionArn: session.executionId,
        CheckpointToken: session.token,
        UpdatedOperationIds: updatedOperationIds(session),
        InitialExecutionState:
          session.initialState.length > maxInlineOperations
            ? {
                Operations: session.initialState.slice(0, maxInlineOperations).map(copyOperation),
                NextMarker: String(maxInlineOperations),
              }
            : { Operations: session.initialState.map(copyOperation) },
      },
      this.#client,
    );
    const context = createInvocationContext({
      functionName: session.record.functionName,
      invocationId: facts.invocationId,
      deadline: facts.startedAt + config.invocationTimeoutMs,
      clock,
    });
    hub.emit({
      type: "invocation-started",
      executionId: session.executionId,
      invocationId: facts.invocationId,
    });
    this.invokedCount++;
    const stopRenewal = this.#renewLease(session);
    // Like Lambda, an invocation that outlives its time ends as failed; its later checkpoints are refused.
    let cancelDeadline: (() => void) | undefined;
    const timedOut = new Promise<InvocationResult>((resolve) => {
      cancelDeadline = clock.setTimer(facts.startedAt + config.invocationTimeoutMs, () => {
        session.isEnded = true; // refuse its checkpoints from now on
        resolve({ kind: "threw", error: timeoutError(config.invocationTimeoutMs) });
      });
    });
    const result = await Promise.race([callHandler(handler, input, context), timedOut]);
    cancelDeadline?.();
    stopRenewal();
    await this.#end(session, result, facts);
    const status = result.kind === "threw" ? "FAILED" : result.output.Status;
    hub.emit({
      type: "invocation-completed",
      executionId: session.executionId,
      invocationId: facts.invocationId,
      status,
    });
  }

  /** Writes the end of the invocation; nothing when the lease was lost to a newer claim. */
  async #end(
    session: ExecutionSession,
    result: InvocationResult,
    facts: InvocationFacts,
  ): Promise<void> {
    const { clock, config, signals, hub } = this.#ctx;
    let plan: CompletionPlan | undefined;
    const row = await session.exclusive(async () => {
      session.isEnded = true;
      return session.commit(() => {
        if (session.isLost) return undefined;
        plan = planCompletion(session, result, facts, clock.now(), config);
        return plan.change;
      });
    });
    session.isReleased = true;
    session.launchCheckAt = row === undefined ? undefined : plan?.launchCheckAt;
    if (row === undefined || plan === undefined) {
      if (session.isClosedByCheckpoint) signals.executionClosed(session.record);
      return;
    }
    const closedOp = plan.change.operations?.[0]?.operation;
    if (closedOp !== undefined && hub.hasListeners) {
      hub.emit({
        type: "operations-changed",
        executionId: session.executionId,
        operations: [copyOperation(closedOp)],
      });
    }
    if (plan.closes || session.isClosedByCheckpoint) signals.executionClosed(row);
    else signals.invocationReleased(row);
    if (plan.readyAt !== undefined) signals.ready(plan.readyAt);
  }

  /**
   * Renews the lease at half its length while the handler runs; returns the stop function. A
   * renewal leaves the version alone, so it never makes this invocation's checkpoints conflict.
   * A refused renewal means the lease was lost (or the execution closed): the session catches up,
   * so the invocation's next checkpoint is refused without a write.
   */
  #renewLease(session: ExecutionSession): () => void {
    const { clock, config, activity, store } = this.#ctx;
    let cancel: (() => void) | undefined;
    let isStopped = false;
    const isOver = (): boolean => isStopped || session.isEnded || session.isLost;
    const arm = (): void => {
      cancel = clock.setTimer(clock.now() + config.leaseMs / 2, () => {
        activity.run(
          async () => {
            if (isOver()) return;
            try {
              const renewed = await store.renewLease({
                executionId: session.executionId,
                workerId: config.workerId,
                generation: session.generation,
                leaseExpiresAt: clock.now() + config.leaseMs,
              });
              if (!renewed) await session.exclusive(() => session.reload());
            } finally {
              // Also after a failed renewal (the store may be back by the next one).
              if (!isOver()) arm();
            }
          },
          (error) => this.#ctx.reportError(error),
        );
      });
    };
    arm();
    return () => {
      isStopped = true;
      cancel?.();
    };
  }

  /**
   * Releases an execution this engine cannot run, offered again later. Claims only name the
   * functions registered here, so this is a safety net for a store that ignores the filter.
   */
  async #putBack(claimed: ExecutionRecord): Promise<void> {
    const { store, clock, config, signals } = this.#ctx;
    const readyAt = clock.now() + config.unknownFunctionRetryMs;
    let row: ExecutionRecord | undefined = claimed;
    while (row !== undefined && row.generation === claimed.generation) {
      try {
        const isRunning = row.status === "RUNNING";
        await store.commit({
          executionId: claimed.executionId,
          expectedVersion: row.version,
          execution: {
            leaseOwner: null,
            leaseExpiresAt: null,
            readyAt: isRunning ? readyAt : null,
          },
        });
        if (isRunning) signals.ready(readyAt);
        return;
      } catch (error) {
        if (!hasErrorCode(error, "CONFLICT")) throw error;
        row = await store.getExecution(claimed.executionId);
      }
    }
  }
}

/** Ids of operations changed since the previous invocation started (none before the first). */
function updatedOperationIds(session: ExecutionSession): string[] {
  const since = session.record.attributes?.["lastInvocationVersion"];
  if (typeof since !== "number") return [];
  const ids: string[] = [];
  for (const op of session.operations.values())
    if (op.updatedVersion > since) ids.push(op.operation.Id);
  return ids;
}

/** Calls the handler; a throw (or rejection) is an invocation error. */
async function callHandler(
  handler: DurableFunctionHandler,
  input: DurableExecutionInvocationInputWithClient,
  context: InvocationContext,
): Promise<InvocationResult> {
  try {
    return checkOutput(await handler(input, context));
  } catch (error) {
    return { kind: "threw", error: toErrorObject(error) };
  }
}

/** Lambda's error for an invocation that ran out of time. */
function timeoutError(timeoutMs: number): ErrorObject {
  return {
    ErrorType: "Sandbox.Timedout",
    ErrorMessage: `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`,
  };
}

/** Checks the handler's return value; a malformed one counts as an invocation error. */
function checkOutput(output: unknown): InvocationResult {
  const status = (output as { Status?: unknown } | null | undefined)?.Status;
  if (status === "SUCCEEDED" || status === "PENDING") {
    const result = (output as { Result?: unknown }).Result;
    if (status === "PENDING" || result === undefined || typeof result === "string")
      return { kind: "returned", output: output as DurableExecutionInvocationOutput };
  }
  if (status === "FAILED") {
    const error = (output as { Error?: unknown }).Error;
    const safe: ErrorObject =
      typeof error === "object" && error !== null ? (error as ErrorObject) : {};
    return { kind: "returned", output: { Status: "FAILED", Error: safe } };
  }
  let preview: string;
  try {
    preview = JSON.stringify(output)?.slice(0, 200) ?? String(output);
  } catch {
    preview = String(output);
  }
  return {
    kind: "threw",
    error: {
      ErrorType: "InvalidInvocationOutput",
      ErrorMessage: `The handler returned ${preview}; a durable handler must return {Status: "SUCCEEDED" | "FAILED" | "PENDING", ...}.`,
    },
  };
}
