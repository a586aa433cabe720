/**
 * How busy the shared machine is, from /proc/stat: the benchmark waits for a quiet moment before each
 * measurement and reports how many cores other processes kept busy during it.
 */
import { readFileSync } from "node:fs";

/** CPU time (ms) all cores of the machine spent busy since boot. */
export function machineBusyMs(): number {
  const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "")
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already counted in user).
  const busy = fields.slice(0, 8).reduce((sum, v, i) => (i === 3 || i === 4 ? sum : sum + v), 0);
  return (busy * 1000) / 100;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Cores kept busy over the next `windowMs`. */
export async function busyCores(windowMs = 500): Promise<number> {
  const start = machineBusyMs();
  await sleep(windowMs);
  return (machineBusyMs() - start) / windowMs;
}

/**
 * Waits until fewer than `maxCores` cores are busy over a 500 ms window, for `timeoutMs` at most.
 * Returns the milliseconds waited, or undefined when the machine never went quiet.
 */
export async function waitForQuiet(
  maxCores: number,
  timeoutMs: number,
): Promise<number | undefined> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if ((await busyCores()) < maxCores) return Date.now() - start;
  }
  return undefined;
}
