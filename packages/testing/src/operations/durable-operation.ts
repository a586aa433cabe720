/**
 * `DurableOperation`: a handle on one operation of a test run. Handles from the runner's getters
 * are live (they follow the run); handles from a `TestResult` are snapshots of the finished run.
 */
import type {
  ErrorObject,
  Event,
  Operation,
  OperationStatus,
  OperationType,
} from "@durably/sdk/protocol";
import { WaitingOperationStatus } from "../enums.ts";
import type { OperationLog } from "./operation-log.ts";
import {
  callbackDetailsOf,
  chainedInvokeDetailsOf,
  contextDetailsOf,
  stepDetailsOf,
  waitDetailsOf,
} from "./operation-details.ts";
import type {
  CallbackDetails,
  ChainedInvokeDetails,
  ContextDetails,
  StepDetails,
  WaitResultDetails,
} from "./operation-details.ts";

/** Sends callback outcomes to the backend. */
export interface CallbackSender {
  sendCallbackSuccess(callbackId: string, result?: string): Promise<void>;
  sendCallbackFailure(callbackId: string, error?: ErrorObject): Promise<void>;
  sendCallbackHeartbeat(callbackId: string): Promise<void>;
}

/** Chooses the operation a handle stands for, from the current log. */
export type OperationSelector = (log: OperationLog) => Operation | undefined;

const terminal = new Set<string>(["SUCCEEDED", "FAILED", "CANCELLED", "STOPPED", "TIMED_OUT"]);

/** Where a handle reads from: the log of the current run (live handles switch logs on each run). */
export interface OperationSource {
  log(): OperationLog;
  callbacks(): CallbackSender;
}

/** A handle on one operation. */
export class DurableOperation<TResult = any> {
  readonly #source: OperationSource;
  readonly #select: OperationSelector;

  constructor(source: OperationSource, select: OperationSelector) {
    this.#source = source;
    this.#select = select;
  }

  #data(): Operation | undefined {
    return this.#select(this.#source.log());
  }

  /** Resolves (with this handle) once the operation reaches `status` (default STARTED). */
  waitForData(
    status: WaitingOperationStatus = WaitingOperationStatus.STARTED,
  ): Promise<DurableOperation<TResult>> {
    return new Promise((resolve, reject) => {
      let unsubscribe: (() => void) | undefined;
      const check = (first: boolean): boolean => {
        const log = this.#source.log();
        if (this.#matches(status, first)) {
          unsubscribe?.();
          resolve(this);
          return true;
        }
        if (log.isCompleted) {
          unsubscribe?.();
          reject(
            new Error(
              `Operation was not found after execution completion. Expected status: ${status}. This typically means the operation was never executed or the test is waiting for the wrong operation.`,
            ),
          );
          return true;
        }
        return false;
      };
      if (check(true)) return;
      unsubscribe = this.#source.log().subscribe(() => void check(false));
    });
  }

  #matches(status: WaitingOperationStatus, first: boolean): boolean {
    const op = this.#data();
    if (!op) return false;
    if (
      op.Type === "CONTEXT" &&
      op.SubType === "WaitForCallback" &&
      !(first && terminal.has(op.Status))
    ) {
      const children = this.#source.log().children(op.Id);
      const callback = children.find((c) => c.Type === "CALLBACK");
      const submitter = children.find((c) => c.Type === "STEP");
      if (status === WaitingOperationStatus.STARTED) return callback !== undefined;
      const callbackDone = callback !== undefined && terminal.has(callback.Status);
      if (status === WaitingOperationStatus.COMPLETED)
        return callbackDone || terminal.has(op.Status);
      return (
        callbackDone ||
        (submitter !== undefined && terminal.has(submitter.Status)) ||
        terminal.has(op.Status)
      );
    }
    if (status === WaitingOperationStatus.STARTED) return true;
    return terminal.has(op.Status);
  }

  /** Result and error of a CONTEXT operation. */
  getContextDetails(): ContextDetails<TResult> | undefined {
    const op = this.#data();
    return op ? contextDetailsOf<TResult>(op) : undefined;
  }
  /** Attempts, result and error of a STEP operation. */
  getStepDetails(): StepDetails<TResult> | undefined {
    const op = this.#data();
    return op ? stepDetailsOf<TResult>(op) : undefined;
  }
  /** Result and error of a CHAINED_INVOKE operation. */
  getChainedInvokeDetails(): ChainedInvokeDetails<TResult> | undefined {
    const op = this.#data();
    return op ? chainedInvokeDetailsOf<TResult>(op) : undefined;
  }
  /** Callback id, result and error of a CALLBACK operation or a waitForCallback context. */
  getCallbackDetails(): CallbackDetails<TResult> | undefined {
    const op = this.#data();
    return op ? callbackDetailsOf<TResult>(this.#callbackOperation(op)) : undefined;
  }
  /** Duration and scheduled end of a WAIT operation. */
  getWaitDetails(): WaitResultDetails | undefined {
    const op = this.#data();
    return op ? waitDetailsOf(op, this.#source.log().eventsOf(op.Id)) : undefined;
  }
  /** Snapshot handles of the direct children, in first-appearance order. */
  getChildOperations(): DurableOperation[] | undefined {
    const op = this.#data();
    if (!op) return undefined;
    if (!op.Id) throw new Error("Could not find operation ID");
    const log = this.#source.log();
    return log.children(op.Id).map((child) => snapshotHandle(this.#source, log, child.Id));
  }
  /** The raw operation record. */
  getOperationData(): Operation | undefined {
    return this.#data();
  }
  /** This operation's history events. */
  getEvents(): Event[] | undefined {
    const op = this.#data();
    return op ? this.#source.log().eventsOf(op.Id) : undefined;
  }
  /** Wire id. */
  getId(): string | undefined {
    return this.#data()?.Id;
  }
  /** Wire parent id. */
  getParentId(): string | undefined {
    return this.#data()?.ParentId;
  }
  /** Name. */
  getName(): string | undefined {
    return this.#data()?.Name;
  }
  /** Type. */
  getType(): OperationType | undefined {
    return this.#data()?.Type;
  }
  /** Sub-type. */
  getSubType(): string | undefined {
    return this.#data()?.SubType;
  }
  /** True for a waitForCallback context. */
  isWaitForCallback(): boolean {
    const op = this.#data();
    return op?.Type === "CONTEXT" && op.SubType === "WaitForCallback";
  }
  /** True for a CALLBACK operation. */
  isCallback(): boolean {
    return this.#data()?.Type === "CALLBACK";
  }
  /** Status. */
  getStatus(): OperationStatus | undefined {
    return this.#data()?.Status;
  }
  /** Start time. */
  getStartTimestamp(): Date | undefined {
    return this.#data()?.StartTimestamp;
  }
  /** End time. */
  getEndTimestamp(): Date | undefined {
    return this.#data()?.EndTimestamp;
  }

  /** Completes the callback successfully with `result` as its payload (absent ⇒ no result). */
  async sendCallbackSuccess(result?: string): Promise<Record<string, never>> {
    await this.#source
      .callbacks()
      .sendCallbackSuccess(this.#callbackId(), ...(result === undefined ? [] : [result]));
    return {};
  }
  /** Completes the callback with a failure (absent ⇒ an empty error object). */
  async sendCallbackFailure(error?: ErrorObject): Promise<Record<string, never>> {
    await this.#source.callbacks().sendCallbackFailure(this.#callbackId(), error ?? {});
    return {};
  }
  /** Sends a heartbeat for the callback. */
  async sendCallbackHeartbeat(): Promise<Record<string, never>> {
    await this.#source.callbacks().sendCallbackHeartbeat(this.#callbackId());
    return {};
  }

  #callbackId(): string {
    const op = this.#data();
    if (!op) throw new Error("Could not find callback details");
    return callbackDetailsOf(this.#callbackOperation(op)).callbackId;
  }

  #callbackOperation(op: Operation): Operation {
    if (op.Type === "CALLBACK") return op;
    if (op.Type === "CONTEXT" && op.SubType === "WaitForCallback") {
      const callback = this.#source
        .log()
        .children(op.Id)
        .find((c) => c.Type === "CALLBACK");
      if (!callback)
        throw new Error("Could not find CALLBACK operation in WAIT_FOR_CALLBACK context");
      return callback;
    }
    throw new Error(
      `Operation with Type ${op.Type} and SubType ${op.SubType} is not a valid callback`,
    );
  }
}

/** A handle fixed to one log and one operation id. */
export function snapshotHandle(
  source: OperationSource,
  log: OperationLog,
  id: string,
): DurableOperation {
  const fixed: OperationSource = { log: () => log, callbacks: () => source.callbacks() };
  return new DurableOperation(fixed, (l) => l.get(id));
}
