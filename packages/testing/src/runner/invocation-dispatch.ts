/**
 * The handlers the runner registers on the shared engine. Each one finds the run an invocation belongs
 * to (invoke targets through their caller chain), so runners never see each other's targets, and
 * presents the invocation as the official local runner does: the execution's UUID as
 * `DurableExecutionArn`, the synthetic Lambda context, and the optional checkpoint delay.
 */
import { DurableExecutionInvocationInputWithClient } from "@durably/engine";
import type { DurableFunctionHandler } from "@durably/engine";
import type {
  DurableExecutionClient,
  DurableExecutionInvocationInput,
  DurableExecutionInvocationOutput,
} from "@durably/sdk/protocol";
import type { RunState, TestBackend } from "../environment/test-environment.ts";
import { createLambdaContext } from "./lambda-context.ts";

/** The rejection of `run()` when `context.invoke` names a function the runner does not know. */
export function missingFunctionError(functionName: string): Error {
  return new Error(
    `No function found for function name ${functionName}.\nPlease configure the function handler for "${functionName}" with LocalDurableTestRunner.registerFunctions.`,
  );
}

/** The handler registered under a runner's own function name: runs `handler` for the runner's current run. */
export function rootDispatcher(
  backend: TestBackend,
  functionName: string,
  handler: DurableFunctionHandler,
): DurableFunctionHandler {
  return async (event) => {
    const run = backend.runs.get(functionName);
    if (run === undefined) return orphaned();
    return invoke(backend, run, handler, event);
  };
}

/** The handler registered under an invoke target's name: runs the target the invoking run registered. */
export function targetDispatcher(
  backend: TestBackend,
  functionName: string,
): DurableFunctionHandler {
  return async (event) => {
    const run = await runOf(
      backend,
      (event as DurableExecutionInvocationInput).DurableExecutionArn,
    );
    if (run === undefined) return orphaned();
    const handler = run.targets.get(functionName);
    if (handler === undefined) {
      const error = missingFunctionError(functionName);
      run.fail(error);
      return {
        Status: "FAILED",
        Error: { ErrorType: "ResourceNotFoundException", ErrorMessage: error.message },
      };
    }
    return invoke(backend, run, handler, event);
  };
}

/** The run an execution belongs to: the run of the runner that started the root of its invoke chain. */
export async function runOf(
  backend: TestBackend,
  executionId: string,
): Promise<RunState | undefined> {
  let id = executionId;
  for (let depth = 0; depth < 1000; depth++) {
    const row = await backend.store.getExecution(id);
    if (row === undefined) return undefined;
    const parent = row.attributes?.["parentExecutionId"];
    if (typeof parent !== "string") return backend.runs.get(row.functionName);
    id = parent;
  }
  return undefined;
}

async function invoke(
  backend: TestBackend,
  run: RunState,
  handler: DurableFunctionHandler,
  event: DurableExecutionInvocationInput,
): Promise<DurableExecutionInvocationOutput> {
  try {
    return await handler(
      presentedInput(event, backend.checkpointDelay),
      createLambdaContext(run.requestId),
    );
  } catch (error) {
    // The official runner rejects run() when the handler throws (unrecoverable or checkpoint errors).
    run.fail(error);
    throw error;
  }
}

/** An invocation of a run that already ended (e.g. it was rejected): end it without running user code. */
function orphaned(): DurableExecutionInvocationOutput {
  return {
    Status: "FAILED",
    Error: { ErrorType: "Error", ErrorMessage: "The test run of this execution has ended." },
  };
}

/**
 * The event as the handler sees it: `DurableExecutionArn` is the execution's UUID (the EXECUTION
 * operation's id) as in the official emulator; the client maps it back and delays checkpoints.
 */
function presentedInput(
  event: DurableExecutionInvocationInput,
  delayMs: number,
): DurableExecutionInvocationInputWithClient {
  const client = (event as DurableExecutionInvocationInputWithClient).durableExecutionClient;
  const arn = event.DurableExecutionArn;
  const uuid =
    event.InitialExecutionState.Operations?.find((op) => op.Type === "EXECUTION")?.Id ?? arn;
  const toEngine = <T extends { DurableExecutionArn: string }>(params: T): T =>
    params.DurableExecutionArn === uuid ? { ...params, DurableExecutionArn: arn } : params;
  const translated: DurableExecutionClient = {
    getExecutionState: (params, logger) => client.getExecutionState(toEngine(params), logger),
    checkpoint: async (params, logger) => {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return client.checkpoint(toEngine(params), logger);
    },
  };
  return new DurableExecutionInvocationInputWithClient(
    {
      DurableExecutionArn: uuid,
      CheckpointToken: event.CheckpointToken,
      ...(event.UpdatedOperationIds === undefined
        ? {}
        : { UpdatedOperationIds: event.UpdatedOperationIds }),
      InitialExecutionState: event.InitialExecutionState,
    },
    translated,
  );
}
