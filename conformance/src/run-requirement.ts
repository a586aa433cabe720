/**
 * Runs one requirement on Durably — the engine with the in-memory store and a virtual clock — and
 * compares the outcome with what the requirement expects.
 */
import { VirtualClock, createEngine } from "@durably/engine";
import type { Engine, ExecutionSummary } from "@durably/engine";
import type { ErrorObject, Operation } from "@durably/sdk/protocol";
import { createMemoryStore } from "@durably/store/memory";
import { captureConsole } from "./compare/log-capture.ts";
import { matchHistory } from "./compare/match-history.ts";
import { matchLogs } from "./compare/match-logs.ts";
import { matchValue } from "./compare/match-value.ts";
import type { Bindings } from "./compare/match-value.ts";
import type { ConformanceCase } from "./handlers/conformance-case.ts";
import { plainFunction } from "./handlers/conformance-case.ts";
import type { CallbackAction, Requirement } from "./requirements/requirement.ts";

/** Outcome of one requirement. */
export type Verdict = { status: "PASSED" } | { status: "FAILED"; reason: string };

interface PendingAction {
  at: number;
  callbackId: string;
  action: CallbackAction;
}

/** Stops a run that cannot finish (a handler bug must not hang the whole suite). */
const REAL_TIME_LIMIT_MS = 15_000;

function parseResult(text: string | undefined): unknown {
  if (text === undefined || text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Assigns callback actions to callbacks as they are created, by name (or by their waitForCallback context's name). */
class CallbackActionPlanner {
  readonly #unassigned: CallbackAction[];
  readonly #names = new Map<string, string | undefined>();
  readonly #seen = new Set<string>();
  readonly pending: PendingAction[] = [];

  constructor(actions: readonly CallbackAction[]) {
    this.#unassigned = [...actions];
  }

  observe(operations: readonly Operation[], now: number): void {
    for (const op of operations) this.#names.set(op.Id, op.Name);
    for (const op of operations) {
      const callbackId = op.CallbackDetails?.CallbackId;
      if (op.Type !== "CALLBACK" || !callbackId || this.#seen.has(op.Id)) continue;
      this.#seen.add(op.Id);
      const names = [op.Name, op.ParentId === undefined ? undefined : this.#names.get(op.ParentId)];
      for (let i = 0; i < this.#unassigned.length;) {
        const action = this.#unassigned[i] as CallbackAction;
        if (action.callbackName === "*" || names.includes(action.callbackName)) {
          this.pending.push({ at: now + action.delaySeconds * 1000, callbackId, action });
          this.#unassigned.splice(i, 1);
          // Several actions may target one callback (heartbeats, then a result): keep going.
          if (action.callbackName === "*" && action.operation !== "heartbeat") break;
        } else i++;
      }
    }
    this.pending.sort((a, b) => a.at - b.at);
  }

  nextAt(): number | undefined {
    return this.pending[0]?.at;
  }
}

/**
 * The payload text as the requirements' own validator sends it (Python `json.dumps`: ", " and ": "
 * separators): the service stores that text verbatim, and the expected histories show it.
 */
function validatorJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(validatorJson).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const fields = Object.entries(value).map(
      ([key, item]) => `${JSON.stringify(key)}: ${validatorJson(item)}`,
    );
    return `{${fields.join(", ")}}`;
  }
  return JSON.stringify(value);
}

async function perform(engine: Engine, pending: PendingAction): Promise<void> {
  const { action, callbackId } = pending;
  try {
    if (action.operation === "success") {
      const payload =
        action.payload === undefined || action.payload === null
          ? undefined
          : validatorJson(action.payload);
      await engine.sendCallbackSuccess(callbackId, payload);
    } else if (action.operation === "failure") {
      await engine.sendCallbackFailure(callbackId, (action.payload ?? {}) as ErrorObject);
    } else {
      await engine.sendCallbackHeartbeat(callbackId);
    }
  } catch {
    // The callback may already have timed out or completed; the history shows what happened.
  }
}

/** Runs the requirement with its case and returns the verdict. */
export async function runRequirement(
  requirement: Requirement,
  testCase: ConformanceCase,
): Promise<Verdict> {
  const clock = new VirtualClock();
  const store = createMemoryStore();
  const planner = new CallbackActionPlanner(requirement.callbackActions);
  const engine = createEngine({
    store,
    clock,
    // Skip time, but never past an external callback action that is due first.
    autoAdvanceTime: (next) => {
      const actionAt = planner.nextAt();
      return actionAt === undefined || next.at < actionAt;
    },
    invocationRetry: { maxAttempts: 3, initialDelayMs: 1000 },
  });
  engine.register("handler", testCase.handler);
  for (const [name, handler] of Object.entries(testCase.durableFunctions ?? {}))
    engine.register(name, handler);
  for (const [name, fn] of Object.entries(testCase.plainFunctions ?? {}))
    engine.register(name, plainFunction(fn));
  const unsubscribe = engine.subscribe((event) => {
    if (event.type === "operations-changed") planner.observe(event.operations, clock.now());
  });
  const stopCapture = captureConsole();
  let execution: ExecutionSummary | undefined;
  let records: ReturnType<typeof stopCapture> = [];
  try {
    engine.start();
    const input = requirement.input === null ? undefined : requirement.input;
    const started = await engine.startExecution({
      functionName: "handler",
      ...(input === undefined ? {} : { input }),
    });
    const id = started.execution.executionId;
    const deadline = performance.now() + REAL_TIME_LIMIT_MS;
    for (;;) {
      await engine.whenIdle();
      execution = await engine.getExecution(id);
      if (execution.status !== "RUNNING") break;
      const next = planner.pending.shift();
      if (!next) break;
      if (next.at > clock.now()) clock.advanceTo(next.at);
      await perform(engine, next);
      if (performance.now() > deadline) break;
    }
    const history = await engine.getHistory(id);
    records = stopCapture();
    if (!execution || execution.status === "RUNNING") {
      return {
        status: "FAILED",
        reason: `execution did not finish (still RUNNING, ${history.length} events)`,
      };
    }
    return compare(requirement, execution, history, records);
  } catch (error) {
    if (records.length === 0) stopCapture();
    return { status: "FAILED", reason: `runner error: ${(error as Error).message}` };
  } finally {
    unsubscribe();
    await engine.stop();
    await store.close();
  }
}

function compare(
  requirement: Requirement,
  execution: ExecutionSummary,
  history: Awaited<ReturnType<Engine["getHistory"]>>,
  records: Record<string, unknown>[],
): Verdict {
  if (execution.status !== requirement.expectedStatus) {
    const why = execution.error
      ? ` (${execution.error.ErrorType}: ${execution.error.ErrorMessage})`
      : "";
    return {
      status: "FAILED",
      reason: `status: expected ${requirement.expectedStatus}, got ${execution.status}${why}`,
    };
  }
  const bindings: Bindings = new Map();
  if (requirement.expectedResult) {
    const miss = matchValue(
      requirement.expectedResult.value,
      parseResult(execution.result),
      bindings,
      "result",
    );
    if (miss) return { status: "FAILED", reason: miss };
  }
  if (requirement.expectedError) {
    const miss = matchValue(requirement.expectedError, execution.error ?? {}, bindings, "error");
    if (miss) return { status: "FAILED", reason: miss };
  }
  const historyMiss = matchHistory(requirement.expectedHistory, history, bindings);
  if (historyMiss) return { status: "FAILED", reason: historyMiss };
  const logMiss = matchLogs(requirement.expectedLogs, records, bindings);
  if (logMiss) return { status: "FAILED", reason: logMiss };
  return { status: "PASSED" };
}
