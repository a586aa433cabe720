import type { ContextCore } from "../../context/context-core.ts";
import { OperationSubType } from "../../context/operation-sub-type.ts";
import type { DurablePromise } from "../../promise/durable-promise.ts";
import { OperationType } from "../../protocol/wire.ts";
import type { StepConfig, StepFunc } from "./step-config.ts";
import { runStep } from "./run-step.ts";

/**
 * `context.step(name?, fn, config?)`: the first argument is the name when it is a string or
 * undefined (spec/sdk-api.md §3). The step runs at call time; awaiting only joins it.
 */
export function step<T>(
  core: ContextCore,
  nameOrFn: string | undefined | StepFunc<T>,
  fnOrConfig?: StepFunc<T> | StepConfig<T>,
  maybeConfig?: StepConfig<T>,
): DurablePromise<T> {
  const named = typeof nameOrFn === "string" || nameOrFn === undefined;
  const name = named ? nameOrFn : undefined;
  const fn = (named ? fnOrConfig : nameOrFn) as StepFunc<T>;
  const config = (named ? maybeConfig : fnOrConfig) as StepConfig<T> | undefined;
  return core.start(
    "step",
    { type: OperationType.STEP, subType: OperationSubType.STEP, name },
    (operation) => {
      if (typeof fn !== "function") throw new TypeError("step requires a function");
      return runStep(operation, fn, config);
    },
  );
}
