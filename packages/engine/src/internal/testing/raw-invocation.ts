/**
 * Test helpers: raw protocol handlers (no SDK) that drive the engine's checkpoint API directly,
 * a seeded id source, and an engine on the fake store and a virtual clock.
 */
import type {
  CheckpointDurableExecutionResponse,
  DurableExecutionInvocationInput,
  DurableExecutionInvocationOutput,
  Event,
  Operation,
  OperationUpdate,
} from "@durably/sdk/protocol";
import type { DurableExecutionClient } from "@durably/sdk/protocol";
import type { DurableFunctionHandler, Engine, InvocationContext } from "../../api/engine-api.ts";
import { createEngine } from "../../api/create-engine.ts";
import type { EngineOptions } from "../../api/engine-options.ts";
import { VirtualClock } from "../../clock/virtual-clock.ts";
import type { IdSource } from "../ids.ts";
import { InstrumentedStore } from "./instrumented-store.ts";

/** One invocation seen from a raw handler: its input, its latest token, the operations it knows. */
export class RawInvocation {
  readonly event: DurableExecutionInvocationInput & {
    durableExecutionClient: DurableExecutionClient;
  };
  readonly context: InvocationContext;
  readonly operations: Map<string, Operation> = new Map();
  token: string;

  constructor(event: DurableExecutionInvocationInput, context: InvocationContext) {
    this.event = event as RawInvocation["event"];
    this.context = context;
    this.token = event.CheckpointToken;
    for (const op of event.InitialExecutionState.Operations ?? [])
      this.operations.set(op.Id, op as Operation);
  }

  /** The input the execution was started with. */
  get input(): unknown {
    const execution = [...this.operations.values()].find((op) => op.Type === "EXECUTION");
    return JSON.parse(execution?.ExecutionDetails?.InputPayload ?? "{}");
  }

  /** Sends a checkpoint with the latest token; merges the returned operations. */
  async checkpoint(updates: OperationUpdate[]): Promise<CheckpointDurableExecutionResponse> {
    const response = await this.event.durableExecutionClient.checkpoint({
      DurableExecutionArn: this.event.DurableExecutionArn,
      CheckpointToken: this.token,
      Updates: updates,
    });
    if (response.CheckpointToken !== undefined) this.token = response.CheckpointToken;
    for (const op of response.NewExecutionState?.Operations ?? [])
      this.operations.set(op.Id, op as Operation);
    return response;
  }

  /** The operation with `id`, as last seen. */
  get(id: string): Operation | undefined {
    return this.operations.get(id);
  }
}

/** A handler written against {@link RawInvocation}. */
export function rawHandler(
  body: (invocation: RawInvocation) => Promise<DurableExecutionInvocationOutput>,
): DurableFunctionHandler {
  return (event, context) => body(new RawInvocation(event, context));
}

/** A handler whose invocations the test drives: each invocation waits until the test finishes it. */
export interface ControlledInvocation {
  invocation: RawInvocation;
  finish: (output: DurableExecutionInvocationOutput) => void;
  fail: (error: unknown) => void;
}

/** A handler plus a queue of its invocations. */
export function controlledHandler(): {
  handler: DurableFunctionHandler;
  next: () => Promise<ControlledInvocation>;
} {
  const ready: ControlledInvocation[] = [];
  const waiting: ((value: ControlledInvocation) => void)[] = [];
  const handler: DurableFunctionHandler = (event, context) =>
    new Promise((resolve, reject) => {
      const controlled: ControlledInvocation = {
        invocation: new RawInvocation(event, context),
        finish: resolve,
        fail: reject,
      };
      const taker = waiting.shift();
      if (taker !== undefined) taker(controlled);
      else ready.push(controlled);
    });
  return {
    handler,
    next: () => {
      const first = ready.shift();
      return first !== undefined
        ? Promise.resolve(first)
        : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

/** Deterministic ids: counters formatted as UUIDs and base64 callback ids. */
function seededIds(): IdSource {
  let uuid = 0;
  let callback = 0;
  return {
    uuid: () => `00000000-0000-4000-8000-${(++uuid).toString().padStart(12, "0")}`,
    callbackId: () => Buffer.from(`callback-${++callback}-0123456789abcdef`).toString("base64"),
  };
}

/** Fixed start of virtual time in tests. */
export const testEpoch: number = Date.UTC(2025, 0, 1);

/** An engine on a fresh fake store and virtual clock (auto-advance on unless overridden), started. */
export function testEngine(options: Partial<EngineOptions> = {}): {
  engine: Engine;
  store: InstrumentedStore;
  clock: VirtualClock;
} {
  const clock = options.clock instanceof VirtualClock ? options.clock : new VirtualClock(testEpoch);
  const store =
    options.store instanceof InstrumentedStore ? options.store : new InstrumentedStore();
  const engine = createEngine({
    autoAdvanceTime: true,
    ids: seededIds(),
    onError: (error) => {
      throw error;
    },
    ...options,
    store,
    clock,
  });
  engine.start();
  return { engine, store, clock };
}

/** The (EventType, SubType, Name) signature of each event, as conformance compares them. */
export function signature(events: Event[]): string[] {
  return events.map((e) =>
    [e.EventType, e.SubType, e.Name].filter((part) => part !== undefined).join(" "),
  );
}

/** A STEP update. */
export function step(
  id: string,
  action: OperationUpdate["Action"],
  extra: Partial<OperationUpdate> = {},
): OperationUpdate {
  return { Id: id, Type: "STEP", SubType: "Step", Action: action, ...extra };
}
