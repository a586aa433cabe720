/**
 * A worker process of durably-postgres-4w: an engine on the shared PostgreSQL store that claims and
 * runs executions, and tells its parent (over IPC) which ones completed here.
 * Usage (forked by durably-postgres.ts): durably-postgres-worker.js <url> <kind>
 */
import { createPostgresStore } from "@durably/store/postgres";
import type { WorkloadKind } from "../workloads/workload.ts";
import { benchSchema } from "./durably-postgres.ts";
import type { WorkerMessage } from "./durably-postgres.ts";
import { startEngine } from "./durably-target.ts";

const send = (message: WorkerMessage): void => void process.send?.(message);
const [url, kind] = process.argv.slice(2) as [string, WorkloadKind];
const store = await createPostgresStore({ connectionString: url, schema: benchSchema });
const engine = startEngine(store, kind);
engine.subscribe((event) => {
  if (event.type === "execution-completed")
    send({ type: "completed", executionId: event.executionId });
});
process.on("message", (message: { type: "figures" | "stop" }) => {
  if (message.type === "figures") {
    const cpu = process.cpuUsage();
    send({
      type: "figures",
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    });
  } else {
    void (async () => {
      await engine.stop();
      await store.close();
      process.exit(0);
    })();
  }
});
send({ type: "ready" });
