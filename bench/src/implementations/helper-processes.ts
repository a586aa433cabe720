/**
 * CPU and peak RSS of helper processes (restate-server, PostgreSQL backends), read from /proc.
 */
import { readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const ticksPerSecond = 100;

/** utime + stime of a process in ms, or undefined when it is gone. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces) start at state (field 3).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) * 1000) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

/** Peak resident set size (VmHWM) of a process in MB, or undefined when it is gone. */
export function processPeakRssMb(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match?.[1] === undefined ? undefined : Number(match[1]) / 1024;
  } catch {
    return undefined;
  }
}

/** CPU of a changing set of processes between two readings (processes gone by the end are not counted). */
export class CpuWindow {
  #start = new Map<number, number>();

  begin(pids: readonly number[]): void {
    this.#start = new Map(
      pids.flatMap((pid) => {
        const cpu = processCpuMs(pid);
        return cpu === undefined ? [] : [[pid, cpu] as const];
      }),
    );
  }

  endMs(pids: readonly number[]): number {
    let total = 0;
    for (const pid of pids) {
      const cpu = processCpuMs(pid);
      if (cpu !== undefined) total += cpu - (this.#start.get(pid) ?? 0);
    }
    return total;
  }
}
