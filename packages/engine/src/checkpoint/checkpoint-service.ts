/**
 * `CheckpointDurableExecution` and `GetDurableExecutionState` (protocol.md §6, §7) for invocations
 * running in this engine. Tokens are checked first; a rejected request writes nothing.
 */
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
} from "@durably/sdk/protocol";
import { invalidCheckpoint, invalidToken } from "../errors/invalid-parameter-value-exception.ts";
import type { InvalidParameterValueException } from "../errors/invalid-parameter-value-exception.ts";
import type { EngineContext } from "../internal/engine-context.ts";
import { decodeCheckpointToken, encodeCheckpointToken } from "./checkpoint-token.ts";
import { planCheckpoint } from "./checkpoint-planner.ts";
import type { CheckpointPlan } from "./checkpoint-planner.ts";
import { copyOperation } from "./execution-session.ts";
import type { ExecutionSession } from "./execution-session.ts";

const maxPageSize = 1000;

/** Applies checkpoints of the invocations this engine runs. */
export class CheckpointService {
  /** Sessions of the invocations running here, by execution id. */
  readonly sessions: Map<string, ExecutionSession> = new Map();
  readonly #ctx: EngineContext;

  constructor(ctx: EngineContext) {
    this.#ctx = ctx;
  }

  /** Validates and applies a batch of updates; returns a fresh token and every operation changed since the last call. */
  async checkpoint(
    request: CheckpointDurableExecutionRequest,
  ): Promise<CheckpointDurableExecutionResponse> {
    const session = this.#sessionFor(request.DurableExecutionArn, request.CheckpointToken);
    return session.exclusive(() => this.#apply(session, request));
  }

  /** One page of the state the invocation started from. */
  async getExecutionState(
    request: GetDurableExecutionStateRequest,
  ): Promise<GetDurableExecutionStateResponse> {
    const session = this.#sessionFor(request.DurableExecutionArn, request.CheckpointToken);
    if (request.CheckpointToken !== session.token) {
      const claims = decodeCheckpointToken(request.CheckpointToken);
      const isOfThisInvocation =
        claims !== undefined &&
        claims.executionId === session.executionId &&
        claims.generation === session.generation &&
        claims.sequence <= session.record.checkpointSeq;
      if (!isOfThisInvocation) throw this.#tokenError(session, request.CheckpointToken);
    }
    if (session.isEnded || session.isLost) throw this.#tokenError(session, request.CheckpointToken);
    const maxItems = request.MaxItems ?? 0;
    if (!Number.isInteger(maxItems) || maxItems < 0 || maxItems > maxPageSize) {
      throw invalidCheckpoint(`MaxItems must be an integer between 0 and ${maxPageSize}.`);
    }
    const pageSize = maxItems === 0 ? maxPageSize : maxItems;
    const marker = request.Marker;
    const offset = marker === undefined || marker === "" ? 0 : Number(marker);
    if (!Number.isInteger(offset) || offset < 0 || offset > session.initialState.length)
      throw invalidCheckpoint("Invalid Marker.");
    const end = offset + pageSize;
    const Operations = session.initialState.slice(offset, end).map(copyOperation);
    return end < session.initialState.length
      ? { Operations, NextMarker: String(end) }
      : { Operations };
  }

  async #apply(
    session: ExecutionSession,
    request: CheckpointDurableExecutionRequest,
  ): Promise<CheckpointDurableExecutionResponse> {
    if (!this.#isCurrent(session, request.CheckpointToken))
      throw this.#tokenError(session, request.CheckpointToken);
    const updates = request.Updates ?? [];
    if (!Array.isArray(updates))
      throw invalidCheckpoint("Updates must be a list of operation updates.");
    const now = this.#ctx.clock.now();
    let plan: CheckpointPlan | undefined;
    const row = await session.commit(() => {
      // After a reload the execution may have been closed or claimed by someone else.
      if (!this.#isLive(session)) throw this.#tokenError(session, request.CheckpointToken);
      plan = planCheckpoint(session, updates, now, this.#ctx.ids, this.#ctx.config.leaseMs);
      return plan.change;
    });
    if (row === undefined || plan === undefined)
      throw new Error("unreachable: a checkpoint always commits");
    session.token = encodeCheckpointToken({
      executionId: session.executionId,
      generation: session.generation,
      sequence: row.checkpointSeq,
    });
    this.#afterCommit(session, plan);
    // Waiters hear of the close when the invocation ends, so its InvocationCompleted is in the history.
    if (plan.closes) session.isClosedByCheckpoint = true;
    return {
      CheckpointToken: session.token,
      NewExecutionState: { Operations: session.takeUndelivered() },
    };
  }

  #afterCommit(session: ExecutionSession, plan: CheckpointPlan): void {
    for (const dueAt of plan.timerDueAts) this.#ctx.signals.timerSet(dueAt);
    session.childStarts.push(...plan.childStarts);
    session.childStops.push(...plan.childStops);
    if (plan.changed.length > 0 && this.#ctx.hub.hasListeners) {
      this.#ctx.hub.emit({
        type: "operations-changed",
        executionId: session.executionId,
        operations: plan.changed.map(copyOperation),
      });
    }
  }

  #sessionFor(executionId: string, token: string): ExecutionSession {
    const session = this.sessions.get(executionId);
    if (session !== undefined) return session;
    const claims = decodeCheckpointToken(token);
    if (claims === undefined) throw invalidToken("the token is malformed.");
    if (claims.executionId !== executionId)
      throw invalidToken(`the token does not belong to execution ${executionId}.`);
    throw invalidToken(
      `no invocation of execution ${executionId} is running that this token was issued to; it is stale.`,
    );
  }

  #isLive(session: ExecutionSession): boolean {
    return !session.isEnded && !session.isLost && session.record.status === "RUNNING";
  }

  #isCurrent(session: ExecutionSession, token: string): boolean {
    return token === session.token && this.#isLive(session);
  }

  #tokenError(session: ExecutionSession, token: string): InvalidParameterValueException {
    const claims = decodeCheckpointToken(token);
    if (claims === undefined) return invalidToken("the token is malformed.");
    if (claims.executionId !== session.executionId)
      return invalidToken(`the token does not belong to execution ${session.executionId}.`);
    if (session.isLost || claims.generation !== session.generation) {
      return invalidToken(
        `execution ${session.executionId} was claimed by a newer invocation; this token is stale.`,
      );
    }
    if (session.record.status !== "RUNNING") {
      return invalidToken(
        `execution ${session.executionId} has already completed (${session.record.status}).`,
      );
    }
    if (session.isEnded) return invalidToken(`the invocation this token was issued to has ended.`);
    return invalidToken(
      "the token was already used; send the token returned by the latest checkpoint.",
    );
  }
}
