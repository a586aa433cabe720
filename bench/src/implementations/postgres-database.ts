/**
 * A database the benchmark creates for one measurement and drops afterwards, on the machine's
 * PostgreSQL (BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres). Its name
 * always starts with `durably_bench_`, so no other database (least of all `test`) is ever touched.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { CpuWindow } from "./helper-processes.ts";

/** The administrative connection URL (a maintenance database, never the one measured). */
const adminUrl = process.env["BENCH_POSTGRES_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** A throwaway database. */
export interface BenchDatabase {
  name: string;
  /** Connection URL of the new database. */
  url: string;
  /** Starts the server-CPU window over the backends connected to this database. */
  beginCpu(): Promise<void>;
  /** CPU of those backends since beginCpu, ms. */
  cpuMs(): Promise<number>;
  /** Drops the database (terminating its connections). */
  drop(): Promise<void>;
}

/** Creates `durably_bench_<label>_<random>`. */
export async function createBenchDatabase(label: string): Promise<BenchDatabase> {
  const name = `durably_bench_${label.replace(/[^a-z0-9]/g, "_")}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const backends = async (): Promise<number[]> => {
    const { rows } = await admin.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = $1",
      [name],
    );
    return rows.map((r) => r.pid);
  };
  const window = new CpuWindow();
  return {
    name,
    url: url.toString(),
    async beginCpu() {
      window.begin(await backends());
    },
    async cpuMs() {
      return window.endMs(await backends());
    },
    async drop() {
      try {
        // A closed pool's backends linger until they notice the hang-up: wait for them (3 s at most),
        // so that FORCE has nothing left to terminate in the normal case.
        for (let tries = 0; tries < 60 && (await backends()).length > 0; tries++)
          await new Promise((r) => setTimeout(r, 50));
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
