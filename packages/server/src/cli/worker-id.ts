/**
 * Worker ids of CLI processes: `<hostname>/<pid>/<random>`. The host and pid let a later process
 * on the same machine tell that a lease's holder is dead (see lease-recovery.ts); the random part
 * keeps ids unique when a pid is reused.
 */
import { randomBytes } from "node:crypto";

/** The parts of a worker id. */
export interface WorkerIdParts {
  hostname: string;
  pid: number;
  nonce: string;
}

/** Formats a worker id. */
export function formatWorkerId(parts: WorkerIdParts): string {
  return `${parts.hostname}/${parts.pid}/${parts.nonce}`;
}

/** A fresh worker id for this process. */
export function createWorkerId(hostname: string, pid: number): string {
  return formatWorkerId({ hostname, pid, nonce: randomBytes(4).toString("hex") });
}

/** Parses a worker id; undefined for ids other workers (servers, other tools) made. Host names may hold "/". */
export function parseWorkerId(workerId: string): WorkerIdParts | undefined {
  const parts = workerId.split("/");
  if (parts.length < 3) return undefined;
  const nonce = parts[parts.length - 1] ?? "";
  const pidText = parts[parts.length - 2] ?? "";
  const hostname = parts.slice(0, -2).join("/");
  if (hostname === "" || nonce === "" || !/^\d+$/.test(pidText)) return undefined;
  return { hostname, pid: Number(pidText), nonce };
}
