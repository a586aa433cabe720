import { describe, expect, test } from "vitest";
import { TimerRegistry } from "../internal/timer-registry.ts";
import { systemTimers } from "../internal/timers.ts";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  DurableExecutionClient,
  OperationUpdate,
} from "../protocol/wire.ts";
import { ExecutionState } from "../replay/execution-state.ts";
import { CheckpointBatcher, MAX_UPDATES_PER_REQUEST } from "./checkpoint-batcher.ts";

interface Harness {
  batcher: CheckpointBatcher;
  requests: CheckpointDurableExecutionRequest[];
  state: ExecutionState;
  idle: number[];
  failures: Error[];
  /** Releases the oldest request still waiting for its response. */
  respond(response?: CheckpointDurableExecutionResponse): void;
  reject(error: unknown): void;
}

function harness(): Harness {
  const requests: CheckpointDurableExecutionRequest[] = [];
  const waiting: {
    resolve: (r: CheckpointDurableExecutionResponse) => void;
    reject: (e: unknown) => void;
  }[] = [];
  const client: DurableExecutionClient = {
    checkpoint: (request) => {
      requests.push(request);
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    getExecutionState: () => Promise.resolve({}),
  };
  const state = new ExecutionState([]);
  const idle: number[] = [];
  const failures: Error[] = [];
  const batcher = new CheckpointBatcher({
    client,
    durableExecutionArn: "arn",
    checkpointToken: "t0",
    state,
    timers: new TimerRegistry(systemTimers),
    onIdle: () => idle.push(requests.length),
    onFailure: (error) => failures.push(error),
  });
  let tokens = 0;
  return {
    batcher,
    requests,
    state,
    idle,
    failures,
    respond: (response) =>
      waiting.shift()?.resolve(response ?? { CheckpointToken: `t${++tokens}` }),
    reject: (error) => waiting.shift()?.reject(error),
  };
}

const update = (id: string, extra: Partial<OperationUpdate> = {}): OperationUpdate => ({
  Id: id,
  Type: "STEP",
  Action: "START",
  ...extra,
});
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("CheckpointBatcher", () => {
  test("sends updates of the same tick in one request, FIFO, one request at a time", async () => {
    const h = harness();
    const first = h.batcher.checkpoint(update("a"));
    h.batcher.enqueue(update("b"));
    expect(h.requests).toHaveLength(0);
    await tick();
    expect(h.requests.map((r) => r.Updates?.map((u) => u.Id))).toEqual([["a", "b"]]);
    const second = h.batcher.checkpoint(update("c"));
    await tick();
    expect(h.requests).toHaveLength(1); // c waits for a,b to be answered
    h.respond();
    await first;
    await tick();
    expect(h.requests.map((r) => r.Updates?.map((u) => u.Id))).toEqual([["a", "b"], ["c"]]);
    h.respond();
    await second;
    await tick();
    expect(h.batcher.isIdle()).toBe(true);
  });

  test("replaces the token from every response", async () => {
    const h = harness();
    void h.batcher.checkpoint(update("a"));
    await tick();
    h.respond({ CheckpointToken: "next" });
    await tick();
    void h.batcher.checkpoint(update("b"));
    await tick();
    expect(h.requests.map((r) => r.CheckpointToken)).toEqual(["t0", "next"]);
    expect(h.batcher.checkpointToken).toBe("next");
  });

  test("splits at 250 updates per request", async () => {
    const h = harness();
    for (let i = 0; i < MAX_UPDATES_PER_REQUEST + 10; i++) h.batcher.enqueue(update(`u${i}`));
    await tick();
    h.respond();
    await tick();
    await tick();
    expect(h.requests.map((r) => r.Updates?.length)).toEqual([250, 10]);
  });

  test("splits by size (~750 KB), one oversized update still goes alone", async () => {
    const h = harness();
    const payload = "x".repeat(300_000);
    h.batcher.enqueue(update("a", { Action: "SUCCEED", Payload: payload }));
    h.batcher.enqueue(update("b", { Action: "SUCCEED", Payload: payload }));
    h.batcher.enqueue(update("c", { Action: "SUCCEED", Payload: payload }));
    h.batcher.enqueue(update("d", { Action: "SUCCEED", Payload: "y".repeat(900_000) }));
    for (let i = 0; i < 4; i++) {
      await tick();
      h.respond();
      await tick();
    }
    expect(h.requests.map((r) => r.Updates?.map((u) => u.Id))).toEqual([["a", "b"], ["c"], ["d"]]);
  });

  test("merges returned operations into the state before resolving, and notifies watchers", async () => {
    const h = harness();
    const seen: string[] = [];
    h.state.watch("w", (operation) => seen.push(operation.Status));
    const done = h.batcher.checkpoint(update("a"));
    await tick();
    h.respond({
      CheckpointToken: "t1",
      NewExecutionState: {
        Operations: [
          { Id: "a", Type: "STEP", Status: "STARTED" },
          { Id: "w", Type: "WAIT", Status: "SUCCEEDED", EndTimestamp: "2024-01-01T00:00:00Z" },
        ],
      },
    });
    await done;
    expect(h.state.get("a")?.Status).toBe("STARTED");
    expect(h.state.get("w")?.EndTimestamp).toEqual(new Date("2024-01-01T00:00:00Z"));
    expect(seen).toEqual(["SUCCEEDED"]);
  });

  test("refresh sends an empty request when idle and reports idleness after it", async () => {
    const h = harness();
    h.batcher.refresh();
    expect(h.batcher.isIdle()).toBe(false);
    await tick();
    expect(h.requests[0]?.Updates).toEqual([]);
    h.respond();
    await tick();
    expect(h.idle).toEqual([1]);
    expect(h.batcher.isIdle()).toBe(true);
  });

  test("once terminating, new updates are dropped and never resolve; queued ones are still sent", async () => {
    const h = harness();
    const queued = h.batcher.checkpoint(update("a"));
    h.batcher.beginTermination();
    let late = false;
    void h.batcher.checkpoint(update("b")).then(() => (late = true));
    h.batcher.enqueue(update("c"));
    const drained = h.batcher.drain();
    await tick();
    h.respond();
    await queued;
    await drained;
    expect(h.requests.map((r) => r.Updates?.map((u) => u.Id))).toEqual([["a"]]);
    expect(late).toBe(false);
  });

  test("drops updates produced after their owner finished; earlier ones are still sent", async () => {
    const h = harness();
    let active = true;
    const owner = { isActive: () => active };
    h.batcher.enqueue(update("before"), owner);
    active = false;
    h.batcher.enqueue(update("after"), owner);
    let resolved = false;
    void h.batcher.checkpoint(update("after-awaited"), owner).then(() => (resolved = true));
    h.batcher.enqueue(update("parent"));
    await tick();
    expect(h.requests.map((r) => r.Updates?.map((u) => u.Id))).toEqual([["before", "parent"]]);
    h.respond();
    await tick();
    expect(resolved).toBe(false);
  });

  test("a failed request is classified, reported once, and stops everything", async () => {
    const h = harness();
    const pending = h.batcher.checkpoint(update("a"));
    let resolved = false;
    void pending.then(() => (resolved = true));
    await tick();
    h.reject(
      Object.assign(new Error("bad update"), {
        name: "InvalidParameterValueException",
        $metadata: { httpStatusCode: 400 },
      }),
    );
    await h.batcher.drain();
    expect(h.failures).toHaveLength(1);
    expect(h.batcher.failure).toMatchObject({
      message: "Checkpoint failed: bad update",
      scope: "EXECUTION",
    });
    void h.batcher.checkpoint(update("b"));
    await tick();
    expect(h.requests).toHaveLength(1);
    expect(resolved).toBe(false);
  });

  test("checkpointFinal is the last update accepted", async () => {
    const h = harness();
    h.batcher.enqueue(update("a"));
    const final = h.batcher.checkpointFinal({
      Id: "x",
      Type: "EXECUTION",
      Action: "SUCCEED",
      Payload: "1",
    });
    h.batcher.enqueue(update("after"));
    await tick();
    h.respond();
    await final;
    expect(h.requests.map((r) => r.Updates?.map((u) => u.Id))).toEqual([["a", "x"]]);
  });
});
