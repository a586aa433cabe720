import { DurableExecutionClientError } from "../errors/durable-execution-client-error.ts";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  DurableExecutionClient,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
} from "../protocol/wire.ts";

// Resolved at run time only: the SDK has no dependency on the AWS SDK.
const LAMBDA_CLIENT_MODULE = "@aws-sdk/client-lambda";

interface LambdaModule {
  LambdaClient: new (config: object) => LambdaClientLike;
  CheckpointDurableExecutionCommand: new (input: object) => unknown;
  GetDurableExecutionStateCommand: new (input: object) => unknown;
}

interface LambdaClientLike {
  send(command: unknown): Promise<unknown>;
}

/**
 * The transport of the official service: sends `CheckpointDurableExecution` and
 * `GetDurableExecutionState` through `@aws-sdk/client-lambda`, which the application installs.
 */
export class DurableExecutionApiClient implements DurableExecutionClient {
  #client: LambdaClientLike | undefined;
  #module: Promise<LambdaModule> | undefined;

  /** `client` is an `@aws-sdk/client-lambda` `LambdaClient`; one is created when absent. */
  constructor(client?: unknown) {
    this.#client = client as LambdaClientLike | undefined;
  }

  async checkpoint(
    params: CheckpointDurableExecutionRequest,
  ): Promise<CheckpointDurableExecutionResponse> {
    const lambda = await this.#lambda();
    return (await this.#send(
      new lambda.CheckpointDurableExecutionCommand(params),
    )) as CheckpointDurableExecutionResponse;
  }

  async getExecutionState(
    params: GetDurableExecutionStateRequest,
  ): Promise<GetDurableExecutionStateResponse> {
    const lambda = await this.#lambda();
    return (await this.#send(
      new lambda.GetDurableExecutionStateCommand(params),
    )) as GetDurableExecutionStateResponse;
  }

  async #send(command: unknown): Promise<unknown> {
    const lambda = await this.#lambda();
    this.#client ??= new lambda.LambdaClient({
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 55_000 },
    });
    return this.#client.send(command);
  }

  #lambda(): Promise<LambdaModule> {
    this.#module ??= (import(LAMBDA_CLIENT_MODULE) as Promise<LambdaModule>).catch(
      (error: unknown) => {
        this.#module = undefined;
        throw new DurableExecutionClientError(
          `Cannot load ${LAMBDA_CLIENT_MODULE}: install it, or pass durableExecutionClient in the DurableExecutionConfig.`,
          { cause: error },
        );
      },
    );
    return this.#module;
  }
}
