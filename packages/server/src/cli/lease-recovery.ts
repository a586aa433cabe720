/**
 * Recovers executions whose CLI process was killed mid-invocation. Such an execution still holds
 * a lease naming the dead process; without help it would sit idle until the lease expires. A new
 * process on the same host can tell the holder is dead (its pid is gone), so it clears the lease
 * and marks the execution ready at once. Leases held by other hosts, or by live processes, are
 * left to expire as usual: we cannot see whether those holders are alive.
 */
import { readFileSync } from "node:fs";
import type { ExecutionId, ExecutionRecord, Store } from "@durably/store";
import { hasErrorCode } from "@durably/store";
import { parseWorkerId } from "./worker-id.ts";

/** Options of {@link recoverOrphanedLeases}. */
export interface LeaseRecoveryOptions {
  /** This machine's host name; only leases taken on it are considered. */
  hostname: string;
  /** Now (epoch ms): the recovered executions become ready at this instant. */
  now: number;
  /** Whether a process with this pid is alive on this host. */
  isProcessAlive(pid: number): boolean;
}

/** Clears the leases of RUNNING executions held by dead processes of this host; returns their ids. */
export async function recoverOrphanedLeases(
  store: Store,
  options: LeaseRecoveryOptions,
): Promise<ExecutionId[]> {
  const recovered: ExecutionId[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listExecutions({
      statuses: ["RUNNING"],
      limit: 1000,
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const execution of page.items) {
      if (!isOrphaned(execution, options)) continue;
      try {
        await store.commit({
          executionId: execution.executionId,
          expectedVersion: execution.version,
          execution: { leaseOwner: null, leaseExpiresAt: null, readyAt: options.now },
        });
        recovered.push(execution.executionId);
      } catch (error) {
        // Someone else changed it since we read it (another process recovered or claimed it): theirs wins.
        if (!hasErrorCode(error, "CONFLICT")) throw error;
      }
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return recovered;
}

function isOrphaned(execution: ExecutionRecord, options: LeaseRecoveryOptions): boolean {
  if (execution.status !== "RUNNING" || execution.leaseOwner === undefined) return false;
  if (execution.leaseExpiresAt !== undefined && execution.leaseExpiresAt <= options.now)
    return false; // claimable anyway
  const owner = parseWorkerId(execution.leaseOwner);
  return (
    owner !== undefined && owner.hostname === options.hostname && !options.isProcessAlive(owner.pid)
  );
}

/**
 * Whether a local process exists and can still run: signal 0 checks without sending anything
 * (EPERM means it exists). A killed process whose parent has not reaped it yet is a zombie: signal
 * 0 still succeeds, but it holds nothing any more. That happens to an orphan (its parent shell
 * gone) in a container whose PID 1 reaps late, so on Linux `/proc/<pid>/stat` is read too.
 */
export function isProcessAlive(
  pid: number,
  readProcessStat: (pid: number) => string | undefined = readProcStat,
): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  const stat = readProcessStat(pid);
  if (stat === undefined) return true;
  // "<pid> (<command>) <state> …": the command may contain spaces and parentheses.
  const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  return state !== "Z" && state !== "X";
}

function readProcStat(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined; // not Linux, or the process is gone
  }
}
