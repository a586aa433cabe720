import type {
  DurableExecutionClient,
  DurableExecutionInvocationInput,
  Operation,
} from "../protocol/wire.ts";
import { normaliseOperation } from "../replay/normalise-operation.ts";

/** Page size asked of `GetDurableExecutionState`. */
export const STATE_PAGE_SIZE = 1000;

/**
 * Every operation of the execution: the event's initial state, then further pages while the
 * service returns a marker (spec/sdk-api.md §2 step 3). Timestamps become `Date`s.
 */
export async function loadExecutionState(
  client: DurableExecutionClient,
  event: DurableExecutionInvocationInput,
): Promise<Operation[]> {
  const operations = (event.InitialExecutionState?.Operations ?? []).map(normaliseOperation);
  let marker = event.InitialExecutionState?.NextMarker;
  while (marker) {
    const page = await client.getExecutionState({
      DurableExecutionArn: event.DurableExecutionArn,
      CheckpointToken: event.CheckpointToken,
      Marker: marker,
      MaxItems: STATE_PAGE_SIZE,
    });
    for (const operation of page.Operations ?? []) operations.push(normaliseOperation(operation));
    marker = page.NextMarker;
  }
  return operations;
}
