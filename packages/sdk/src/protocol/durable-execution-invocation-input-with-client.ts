import type { DurableExecutionClient, DurableExecutionInvocationInput } from "./wire.ts";

const TAG = "DurableExecutionInvocationInputWithClient";

/**
 * An invocation event that carries its own transport (test harnesses and Durably's engine use
 * it). Recognised by `instanceof`, or by its `Symbol.toStringTag` plus constructor name, so a
 * class of the same name from another package works too.
 */
export class DurableExecutionInvocationInputWithClient implements DurableExecutionInvocationInput {
  readonly durableExecutionClient: DurableExecutionClient;
  readonly DurableExecutionArn: string;
  readonly CheckpointToken: string;
  readonly InitialExecutionState: DurableExecutionInvocationInput["InitialExecutionState"];
  readonly UpdatedOperationIds?: string[] | undefined;

  constructor(
    params: DurableExecutionInvocationInput,
    durableExecutionClient: DurableExecutionClient,
  ) {
    this.durableExecutionClient = durableExecutionClient;
    this.DurableExecutionArn = params.DurableExecutionArn;
    this.CheckpointToken = params.CheckpointToken;
    this.InitialExecutionState = params.InitialExecutionState;
    if (params.UpdatedOperationIds !== undefined)
      this.UpdatedOperationIds = params.UpdatedOperationIds;
  }

  get [Symbol.toStringTag](): string {
    return TAG;
  }

  /** True for an instance of this class or of a look-alike class with the same name and tag. */
  static isInstance(event: unknown): event is DurableExecutionInvocationInputWithClient {
    if (event instanceof DurableExecutionInvocationInputWithClient) return true;
    return (
      typeof event === "object" &&
      event !== null &&
      Object.prototype.toString.call(event) === `[object ${TAG}]` &&
      (event as { constructor?: { name?: unknown } }).constructor?.name === TAG
    );
  }
}
