/**
 * The `DurableExecutionClient` handed to invocations: the checkpoint service, called in-process.
 */
import type { DurableExecutionClient } from "@durably/sdk/protocol";
import type { CheckpointService } from "./checkpoint-service.ts";

/** A client whose calls go straight to `service`. */
export function createInProcessClient(service: CheckpointService): DurableExecutionClient {
  return {
    checkpoint: (params) => service.checkpoint(params),
    getExecutionState: (params) => service.getExecutionState(params),
  };
}
