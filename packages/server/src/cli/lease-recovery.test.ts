import { describe, expect, it } from "vitest";
import type { ExecutionRecord, NewExecution, Store } from "@durably/store";
import { createMemoryStore } from "@durably/store/memory";
import { isProcessAlive, recoverOrphanedLeases } from "./lease-recovery.ts";

const now = Date.UTC(2025, 5, 1, 12, 0, 0);
const alivePids = new Set([100]);
const options = { hostname: "laptop", now, isProcessAlive: (pid: number) => alivePids.has(pid) };

function execution(id: string, fields: Partial<ExecutionRecord> = {}): NewExecution {
  return {
    execution: {
      executionId: id,
      name: id,
      functionName: "orders",
      status: "RUNNING",
      startedAt: now - 60_000,
      generation: 1,
      checkpointSeq: 0,
      lastEventId: 1,
      ...fields,
    },
    operations: [],
    events: [{ EventType: "ExecutionStarted", EventId: 1, EventTimestamp: new Date(now - 60_000) }],
    timers: [],
  };
}

async function seed(store: Store, ...inputs: NewExecution[]): Promise<void> {
  for (const input of inputs) await store.createExecution(input);
}

describe("recoverOrphanedLeases", () => {
  it("clears the lease of an execution whose process on this host is dead and makes it ready now", async () => {
    const store = createMemoryStore();
    await seed(
      store,
      execution("killed", { leaseOwner: "laptop/200/ab12", leaseExpiresAt: now + 30_000 }),
    );
    expect(await recoverOrphanedLeases(store, options)).toEqual(["killed"]);
    const row = await store.getExecution("killed");
    expect(row).toMatchObject({ status: "RUNNING", readyAt: now });
    expect(row?.leaseOwner).toBeUndefined();
    expect(row?.leaseExpiresAt).toBeUndefined();
    const claimed = await store.claimReady({
      workerId: "laptop/300/cd34",
      now,
      leaseMs: 30_000,
      limit: 10,
    });
    expect(claimed.map((claim) => claim.executionId)).toEqual(["killed"]);
  });

  it("leaves leases of live processes, other hosts, unknown worker ids and finished executions alone", async () => {
    const store = createMemoryStore();
    const lease = { leaseExpiresAt: now + 30_000 };
    await seed(
      store,
      execution("alive", { ...lease, leaseOwner: "laptop/100/ab12" }),
      execution("elsewhere", { ...lease, leaseOwner: "server-7/200/ab12" }),
      execution("foreign", { ...lease, leaseOwner: "worker-1" }),
      execution("idle"),
      execution("done", { ...lease, status: "SUCCEEDED", leaseOwner: "laptop/200/ab12" }),
    );
    const before = await Promise.all(
      ["alive", "elsewhere", "foreign", "idle", "done"].map((id) => store.getExecution(id)),
    );
    expect(await recoverOrphanedLeases(store, options)).toEqual([]);
    const after = await Promise.all(
      ["alive", "elsewhere", "foreign", "idle", "done"].map((id) => store.getExecution(id)),
    );
    expect(after).toEqual(before);
  });

  it("skips expired leases, which any worker can claim anyway", async () => {
    const store = createMemoryStore();
    await seed(
      store,
      execution("expired", { leaseOwner: "laptop/200/ab12", leaseExpiresAt: now - 1 }),
    );
    expect(await recoverOrphanedLeases(store, options)).toEqual([]);
  });

  it("yields to a concurrent change instead of overwriting it", async () => {
    const store = createMemoryStore();
    await seed(
      store,
      execution("raced", { leaseOwner: "laptop/200/ab12", leaseExpiresAt: now + 30_000 }),
    );
    // Another process recovers and claims it between our read and our write.
    const racing = new Proxy(store, {
      get(target, property) {
        if (property === "listExecutions") {
          return async (query: Parameters<Store["listExecutions"]>[0]) => {
            const page = await target.listExecutions(query);
            await target.claimReady({
              workerId: "laptop/300/cd34",
              now: now + 60_000,
              leaseMs: 30_000,
              limit: 1,
            });
            return page;
          };
        }
        const value: unknown = Reflect.get(target, property);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    expect(await recoverOrphanedLeases(racing, options)).toEqual([]);
    expect((await store.getExecution("raced"))?.leaseOwner).toBe("laptop/300/cd34");
  });
});

describe("isProcessAlive", () => {
  it("sees this process and not a pid that cannot exist", () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(2 ** 22 + 12_345)).toBe(false);
  });
  it("takes a killed process that is not reaped yet (a zombie) for dead", () => {
    const stat = (state: string) => () => `${process.pid} (node (durably) x) ${state} 1 2 3`;
    expect(isProcessAlive(process.pid, stat("Z"))).toBe(false);
    expect(isProcessAlive(process.pid, stat("X"))).toBe(false);
    expect(isProcessAlive(process.pid, stat("S"))).toBe(true);
    expect(isProcessAlive(process.pid, () => undefined)).toBe(true);
  });
});
