/**
 * A PostgreSQL cluster of the test's own, for faults no shared server may suffer: restarts,
 * terminated connections, password checks. It is initdb'd in a temporary directory, listens on a
 * free port of 127.0.0.1 (and a socket in that directory only), and is stopped and deleted by
 * `destroy()`. PostgreSQL refuses to run as root: as root, every server command runs as the
 * `postgres` user, which then owns the directory.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";

/** The directory holding initdb and pg_ctl, or undefined when PostgreSQL's server is not installed. */
export function findServerBinaries(): string | undefined {
  const candidates: string[] = [];
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) candidates.push(path.join(root, version, "bin"));
  }
  try {
    candidates.push(execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim());
  } catch {
    // No pg_config on the PATH.
  }
  return candidates.find(
    (dir) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl")),
  );
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        resolve(typeof address === "object" && address !== null ? address.port : 0),
      );
    });
  });
}

/** Options of {@link startThrowawayCluster}. */
export interface ClusterOptions {
  /** When set, TCP connections need this password (scram-sha-256) for user "postgres". */
  password?: string;
}

/** A running throwaway cluster. */
export class ThrowawayCluster {
  readonly port: number;
  readonly #bin: string;
  readonly #dir: string;
  readonly #asPostgres: boolean;
  readonly #password: string | undefined;

  constructor(bin: string, dir: string, port: number, password: string | undefined) {
    this.#bin = bin;
    this.#dir = dir;
    this.port = port;
    this.#password = password;
    this.#asPostgres = userInfo().uid === 0;
  }

  /** URL of database `postgres` as user postgres (with the password, when the cluster has one). */
  get url(): string {
    const credentials = this.#password === undefined ? "postgres" : `postgres:${this.#password}`;
    return `postgres://${credentials}@127.0.0.1:${this.port}/postgres`;
  }

  /** Runs a server program (as postgres when this process is root); throws with its output on failure. */
  run(program: string, args: readonly string[]): string {
    const file = path.join(this.#bin, program);
    const [command, commandArgs] = this.#asPostgres
      ? ["runuser", ["-u", "postgres", "--", file, ...args]]
      : [file, [...args]];
    const result = spawnSync(command, commandArgs, { encoding: "utf8", timeout: 60_000 });
    if (result.status !== 0) {
      throw new Error(
        `${program} ${args.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`,
      );
    }
    return result.stdout;
  }

  /** Creates the data directory and starts the server. */
  init(): void {
    const data = path.join(this.#dir, "data");
    const args = ["-D", data, "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"];
    if (this.#password === undefined) args.push("--auth=trust");
    else {
      const pwfile = path.join(this.#dir, "pwfile");
      writeFileSync(pwfile, `${this.#password}\n`);
      if (this.#asPostgres) chownSync(pwfile, postgresUid(), postgresGid());
      args.push("--auth-local=trust", "--auth-host=scram-sha-256", `--pwfile=${pwfile}`);
    }
    this.run("initdb", args);
    this.start();
  }

  /** Starts the server and waits until it accepts connections. */
  start(): void {
    const options = [
      `-p ${this.port}`,
      "-c listen_addresses=127.0.0.1",
      `-c unix_socket_directories=${this.#dir}`,
      "-c fsync=off",
      "-c max_connections=200",
    ].join(" ");
    this.run("pg_ctl", [
      "-D",
      path.join(this.#dir, "data"),
      "-l",
      path.join(this.#dir, "server.log"),
      "-o",
      options,
      "-w",
      "-t",
      "60",
      "start",
    ]);
  }

  /** Stops the server (fast: sessions are terminated, as on a real restart). */
  stop(): void {
    this.run("pg_ctl", [
      "-D",
      path.join(this.#dir, "data"),
      "-m",
      "fast",
      "-w",
      "-t",
      "60",
      "stop",
    ]);
  }

  /** Stops whatever runs and deletes the directory; never throws. */
  destroy(): void {
    try {
      this.run("pg_ctl", [
        "-D",
        path.join(this.#dir, "data"),
        "-m",
        "immediate",
        "-w",
        "-t",
        "30",
        "stop",
      ]);
    } catch {
      // Not running (any more).
    }
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

function postgresUid(): number {
  return Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
}

function postgresGid(): number {
  return Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
}

/** Creates and starts a cluster in a fresh temporary directory (deleted again if starting fails). */
export async function startThrowawayCluster(
  bin: string,
  options: ClusterOptions = {},
): Promise<ThrowawayCluster> {
  const dir = mkdtempSync(path.join(tmpdir(), "durably-e2e-pg-"));
  if (userInfo().uid === 0) {
    chmodSync(dir, 0o700);
    chownSync(dir, postgresUid(), postgresGid());
  }
  const cluster = new ThrowawayCluster(bin, dir, await freePort(), options.password);
  try {
    cluster.init();
  } catch (error) {
    cluster.destroy();
    throw error;
  }
  return cluster;
}
