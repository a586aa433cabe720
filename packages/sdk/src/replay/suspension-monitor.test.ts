import { describe, expect, test } from "vitest";
import { ManualTimers } from "../internal/testing/manual-timers.ts";
import { TimerRegistry } from "../internal/timer-registry.ts";
import { OperationLifecycle, SuspensionMonitor } from "./suspension-monitor.ts";
import type { TerminationReason } from "./termination.ts";

function setup() {
  const timers = new ManualTimers(0);
  const suspended: TerminationReason[] = [];
  let idle = true;
  const monitor = new SuspensionMonitor({
    timers: new TimerRegistry(timers),
    isCheckpointIdle: () => idle,
    suspend: (reason) => suspended.push(reason),
  });
  return { timers, suspended, monitor, setIdle: (value: boolean) => (idle = value) };
}

describe("SuspensionMonitor", () => {
  test("suspends after the cooldown when something waits and nothing executes", () => {
    const { timers, suspended, monitor } = setup();
    monitor.root.track("Wait").set(OperationLifecycle.IDLE_AWAITED);
    expect(timers.pendingDelays()).toEqual([20]);
    timers.advance(19);
    expect(suspended).toEqual([]);
    timers.advance(1);
    expect(suspended).toEqual(["WAIT_SCHEDULED"]);
  });

  test("chooses the reason: retry first, then wait, then callback", () => {
    const a = setup();
    a.monitor.root.track("Callback").set(OperationLifecycle.IDLE_NOT_AWAITED);
    a.monitor.root.track("Step").set(OperationLifecycle.RETRY_WAITING);
    a.timers.advance(20);
    expect(a.suspended).toEqual(["RETRY_SCHEDULED"]);
    const b = setup();
    b.monitor.root.track("Callback").set(OperationLifecycle.IDLE_AWAITED);
    b.timers.advance(20);
    expect(b.suspended).toEqual(["CALLBACK_PENDING"]);
  });

  test("does not suspend while a body executes or a checkpoint is outstanding (re-checked at the end of the cooldown)", () => {
    const { timers, suspended, monitor, setIdle } = setup();
    monitor.root.track("Wait").set(OperationLifecycle.IDLE_AWAITED);
    const step = monitor.root.track("Step");
    step.set(OperationLifecycle.EXECUTING);
    timers.advance(20);
    expect(suspended).toEqual([]);
    setIdle(false);
    step.set(OperationLifecycle.COMPLETED);
    timers.advance(20);
    expect(suspended).toEqual([]);
    setIdle(true);
    monitor.evaluate();
    timers.advance(20);
    expect(suspended).toEqual(["WAIT_SCHEDULED"]);
  });

  test("nothing waiting means no suspension; a stopped monitor never suspends", () => {
    const { timers, suspended, monitor } = setup();
    monitor.root.track("Step").set(OperationLifecycle.COMPLETED);
    monitor.evaluate();
    expect(timers.pendingDelays()).toEqual([]);
    monitor.root.track("Wait").set(OperationLifecycle.IDLE_AWAITED);
    monitor.stop();
    timers.advance(20);
    expect(suspended).toEqual([]);
  });

  test("a finished child scope stops counting its live operations, nested ones included", () => {
    const { timers, suspended, monitor } = setup();
    const child = monitor.root.createChild();
    const grandchild = child.createChild();
    const executing = grandchild.track("Step");
    executing.set(OperationLifecycle.EXECUTING);
    monitor.root.track("Wait").set(OperationLifecycle.IDLE_AWAITED);
    timers.advance(20);
    expect(suspended).toEqual([]);
    child.finish();
    expect(grandchild.isActive()).toBe(false);
    executing.set(OperationLifecycle.COMPLETED);
    timers.advance(20);
    expect(suspended).toEqual(["WAIT_SCHEDULED"]);
  });

  test("waiting operations of a finished scope do not cause suspension", () => {
    const { timers, suspended, monitor } = setup();
    const child = monitor.root.createChild();
    child.track("Wait").set(OperationLifecycle.IDLE_AWAITED);
    child.finish();
    timers.advance(20);
    expect(suspended).toEqual([]);
    expect(child.track("Wait").state).toBeUndefined();
  });

  test("an operation tracked before its scope finished but started after it is not counted", () => {
    const { timers, suspended, monitor } = setup();
    const child = monitor.root.createChild();
    const late = child.track("Wait");
    child.finish();
    late.set(OperationLifecycle.IDLE_NOT_AWAITED);
    timers.advance(20);
    expect(suspended).toEqual([]);
  });
});
