/**
 * Prometheus metrics of one server, in their own registry (no process-wide default registry, so
 * two servers in one process, or two tests, never share counters). Engine metrics come from the
 * engine's events, hence from executions this process runs or starts; the HTTP metrics from requests.
 */
import { performance } from "node:perf_hooks";
import type { Engine, EngineEvent } from "@durably/engine";
import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** Metrics of one server. */
export interface HttpMetrics {
  readonly registry: Registry;
  /** Records one served request (`route` is the route pattern, never the concrete path). */
  observeRequest(method: string, route: string, status: number, durationMs: number): void;
  /** Stops listening to the engine. */
  dispose(): void;
}

const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const lagBuckets = [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
const durationBuckets = [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];

/** Creates the metrics and subscribes them to `engine`'s events. */
export function createHttpMetrics(engine: Engine): HttpMetrics {
  const registry = new Registry();
  const registers = [registry];
  const started = new Counter({
    name: "durably_executions_started_total",
    help: "Executions started through this process, by function.",
    labelNames: ["function"] as const,
    registers,
  });
  const finished = new Counter({
    name: "durably_executions_finished_total",
    help: "Executions this process saw reach a terminal status, by status.",
    labelNames: ["status"] as const,
    registers,
  });
  const invocations = new Counter({
    name: "durably_invocations_total",
    help: "Invocations run by this process, by outcome (SUCCEEDED, FAILED, PENDING = suspended).",
    labelNames: ["outcome"] as const,
    registers,
  });
  const inFlight = new Gauge({
    name: "durably_invocations_in_flight",
    help: "Invocations running in this process now.",
    registers,
  });
  const invocationSeconds = new Histogram({
    name: "durably_invocation_duration_seconds",
    help: "Wall-clock duration of invocations run by this process.",
    buckets: durationBuckets,
    registers,
  });
  // Declared so dashboards can rely on the name; the engine reports no checkpoint timings yet.
  new Histogram({
    name: "durably_checkpoint_duration_seconds",
    help: "Latency of checkpoint writes. Not fed yet: the engine emits no event per checkpoint.",
    buckets: latencyBuckets,
    registers,
  });
  const timerLag = new Histogram({
    name: "durably_timer_lag_seconds",
    help: "How late wait timers fired (engine clock: end of the wait minus its scheduled end).",
    buckets: lagBuckets,
    registers,
  });
  const requests = new Counter({
    name: "durably_http_requests_total",
    help: "HTTP requests served, by method, route pattern and status.",
    labelNames: ["method", "route", "status"] as const,
    registers,
  });
  const requestSeconds = new Histogram({
    name: "durably_http_request_duration_seconds",
    help: "Duration of HTTP requests, by method and route pattern.",
    labelNames: ["method", "route"] as const,
    buckets: durationBuckets,
    registers,
  });

  const invocationStarts = new Map<string, number>();
  const onEvent = (event: EngineEvent): void => {
    switch (event.type) {
      case "execution-started":
        started.inc({ function: event.functionName });
        return;
      case "execution-completed":
        finished.inc({ status: event.status });
        return;
      case "invocation-started":
        inFlight.inc();
        invocationStarts.set(event.invocationId, performance.now());
        return;
      case "invocation-completed": {
        inFlight.dec();
        invocations.inc({ outcome: event.status });
        const startedAt = invocationStarts.get(event.invocationId);
        invocationStarts.delete(event.invocationId);
        if (startedAt !== undefined)
          invocationSeconds.observe((performance.now() - startedAt) / 1000);
        return;
      }
      case "operations-changed":
        for (const operation of event.operations) {
          const scheduled = operation.WaitDetails?.ScheduledEndTimestamp;
          const ended = operation.EndTimestamp;
          if (operation.Type !== "WAIT" || operation.Status !== "SUCCEEDED") continue;
          if (scheduled === undefined || ended === undefined) continue;
          timerLag.observe(Math.max(0, ended.getTime() - scheduled.getTime()) / 1000);
        }
        return;
    }
  };
  const unsubscribe = engine.subscribe(onEvent);

  return {
    registry,
    observeRequest(method, route, status, durationMs) {
      requests.inc({ method, route, status: String(status) });
      requestSeconds.observe({ method, route }, durationMs / 1000);
    },
    dispose() {
      unsubscribe();
    },
  };
}
