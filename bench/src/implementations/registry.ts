/**
 * The implementations by result name, each loaded only when a measurement process needs it.
 */
import type { BenchTargetFactory } from "./implementation.ts";

const loaders: Record<string, () => Promise<BenchTargetFactory>> = {
  "durably-memory": async () => (await import("./durably-target.ts")).durablyMemory,
  "durably-sqlite": async () => (await import("./durably-target.ts")).durablySqlite,
  "durably-postgres-1w": async () => (await import("./durably-postgres.ts")).durablyPostgres1w,
  "durably-postgres-4w": async () => (await import("./durably-postgres.ts")).durablyPostgres4w,
  "durably-testing": async () => (await import("./durably-testing.ts")).durablyTesting,
  "aws-local": async () => (await import("./aws-local.ts")).awsLocal,
  "aws-local-skiptime": async () => (await import("./aws-local.ts")).awsLocalSkipTime,
  dbos: async () => (await import("./dbos.ts")).dbos,
  restate: async () => (await import("./restate.ts")).restate,
};

/** Every implementation name, in table order. */
export const implementationNames: readonly string[] = Object.keys(loaders);

/** Imports the named implementation's factory. */
export function loadImplementation(name: string): Promise<BenchTargetFactory> {
  const load = loaders[name];
  if (!load) throw new Error(`unknown implementation ${name}`);
  return load();
}
