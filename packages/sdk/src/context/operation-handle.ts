import { SerdesFailedError } from "../errors/unrecoverable-errors.ts";
import { NEVER } from "../internal/never.ts";
import { OperationHooks } from "../plugins/operation-hooks.ts";
import type { Operation, OperationAction, OperationUpdate } from "../protocol/wire.ts";
import type { OperationWatch } from "../replay/operation-watch.ts";
import type { OperationDescriptor } from "../replay/replay-validation.ts";
import type { TrackedOperation } from "../replay/suspension-monitor.ts";
import { TerminationReason } from "../replay/termination.ts";
import type { Serdes, SerdesContext } from "../serdes/serdes.ts";
import type { ContextCore } from "./context-core.ts";

/** The fields an update adds to the operation's identity. */
export type UpdateFields = Omit<
  OperationUpdate,
  "Id" | "ParentId" | "Name" | "Type" | "SubType" | "Action"
>;

/** One started operation, as its implementation sees it: identity, record, checkpoints, serdes. */
export class OperationHandle {
  readonly core: ContextCore;
  /** Positional id, e.g. "2-1". */
  readonly stepId: string;
  /** Wire id (hash of the step id). */
  readonly id: string;
  readonly descriptor: OperationDescriptor;
  /** The context leaves replay mode right after this call (its record is not completed). */
  readonly leavesReplay: boolean;
  #hooks: OperationHooks | undefined;

  constructor(
    core: ContextCore,
    stepId: string,
    id: string,
    descriptor: OperationDescriptor,
    leavesReplay: boolean,
  ) {
    this.core = core;
    this.stepId = stepId;
    this.id = id;
    this.descriptor = descriptor;
    this.leavesReplay = leavesReplay;
  }

  /** The operation's name, if any. */
  get name(): string | undefined {
    return this.descriptor.name;
  }

  /** The current record. */
  get record(): Operation | undefined {
    return this.core.runtime.state.get(this.id);
  }

  /** The instrumentation plugin hooks of this operation; undefined when there are no plugins. */
  get hooks(): OperationHooks | undefined {
    const plugins = this.core.runtime.plugins;
    if (plugins === undefined) return undefined;
    this.#hooks ??= new OperationHooks(
      plugins,
      {
        id: this.id,
        name: this.descriptor.name,
        type: this.descriptor.type,
        subType: this.descriptor.subType,
        parentId: this.core.parentId,
      },
      () => this.record,
    );
    return this.#hooks;
  }

  /** An update of this operation. */
  update(action: OperationAction, fields?: UpdateFields): OperationUpdate {
    const update: OperationUpdate = {
      Id: this.id,
      Type: this.descriptor.type,
      SubType: this.descriptor.subType,
      Action: action,
    };
    if (this.core.parentId !== undefined) update.ParentId = this.core.parentId;
    if (this.descriptor.name !== undefined) update.Name = this.descriptor.name;
    if (fields !== undefined) {
      // Absent rather than undefined, so the update is the same before and after JSON.
      for (const [key, value] of Object.entries(fields)) {
        if (value !== undefined) (update as unknown as Record<string, unknown>)[key] = value;
      }
    }
    return update;
  }

  /** Sends an update and resolves once applied. */
  checkpoint(action: OperationAction, fields?: UpdateFields): Promise<void> {
    return this.core.runtime.batcher.checkpoint(this.update(action, fields), this.core.lifecycle);
  }

  /** Queues an update without waiting. */
  enqueue(action: OperationAction, fields?: UpdateFields): void {
    this.core.runtime.batcher.enqueue(this.update(action, fields), this.core.lifecycle);
  }

  /** Starts lifecycle tracking for suspension. */
  track(): TrackedOperation {
    return this.core.lifecycle.track(this.descriptor.subType);
  }

  /** Waits until the record satisfies `isSettled`. */
  watch(isSettled: (operation: Operation) => boolean): OperationWatch {
    return this.core.runtime.watch(this.id, isSettled);
  }

  /** What serdes are told about this operation. */
  serdesContext(): SerdesContext {
    return { entityId: this.stepId, durableExecutionArn: this.core.runtime.durableExecutionArn };
  }

  /** Serialises; a throwing serdes terminates the invocation (the promise then never settles). */
  async serialize<T>(serdes: Serdes<T>, value: T | undefined): Promise<string | undefined> {
    try {
      return await serdes.serialize(value, this.serdesContext());
    } catch (error) {
      return this.#serdesFailed("Serialization", error);
    }
  }

  /** Deserialises; a throwing serdes terminates the invocation (the promise then never settles). */
  async deserialize<T>(serdes: Serdes<T>, data: string | undefined): Promise<T> {
    try {
      return (await serdes.deserialize(data, this.serdesContext())) as T;
    } catch (error) {
      return this.#serdesFailed("Deserialization", error);
    }
  }

  #serdesFailed(what: string, error: unknown): Promise<never> {
    const reason = error instanceof Error ? error.message : String(error);
    const message = `[Unrecoverable Invocation] ${what} failed for step "${this.descriptor.name}" (${this.stepId}): ${reason}`;
    this.core.runtime.terminate(
      TerminationReason.SERDES_FAILED,
      new SerdesFailedError(message, error),
    );
    return NEVER;
  }
}
