/**
 * The event an invocation receives: the protocol's invocation input plus the in-process client,
 * recognised by both SDKs (by `instanceof` or by its `Symbol.toStringTag` and class name).
 */
import type {
  DurableExecutionClient,
  DurableExecutionInvocationInput,
  WireOperation,
} from "@durably/sdk/protocol";

const tag = "DurableExecutionInvocationInputWithClient";

/** An invocation input that carries its own transport (`durableExecutionClient`). */
export class DurableExecutionInvocationInputWithClient implements DurableExecutionInvocationInput {
  readonly durableExecutionClient: DurableExecutionClient;
  readonly DurableExecutionArn: string;
  readonly CheckpointToken: string;
  readonly UpdatedOperationIds?: string[] | undefined;
  readonly InitialExecutionState: {
    Operations?: WireOperation[] | undefined;
    NextMarker?: string | undefined;
  };

  constructor(
    params: DurableExecutionInvocationInput,
    durableExecutionClient: DurableExecutionClient,
  ) {
    this.durableExecutionClient = durableExecutionClient;
    this.DurableExecutionArn = params.DurableExecutionArn;
    this.CheckpointToken = params.CheckpointToken;
    if (params.UpdatedOperationIds !== undefined)
      this.UpdatedOperationIds = params.UpdatedOperationIds;
    this.InitialExecutionState = params.InitialExecutionState;
  }

  get [Symbol.toStringTag](): string {
    return tag;
  }

  /** True for an instance of this class or of a same-named class from another copy (as the official SDK checks). */
  static isInstance(event: unknown): event is DurableExecutionInvocationInputWithClient {
    if (event instanceof DurableExecutionInvocationInputWithClient) return true;
    return (
      typeof event === "object" &&
      event !== null &&
      Object.prototype.toString.call(event) === `[object ${tag}]` &&
      (event as { constructor?: { name?: string } }).constructor?.name === tag
    );
  }
}
