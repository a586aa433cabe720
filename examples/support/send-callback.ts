/**
 * Completes the callback an execution is waiting for, in the SQLite file `durably run` uses: the
 * approver's click in human-approval, the verification link in user-onboarding.
 *
 *   npx tsx examples/support/send-callback.ts <db-file> <execution-name> [result]
 *
 * The `durably run` process that waits for the callback notices it within a second and goes on;
 * if no process runs, the next `durably run … --name <execution-name>` resumes from there.
 * Run `npx tsc -b` first: the packages are loaded from their build output.
 */
import { createEngine } from "@durably/engine";
import { createSqliteStore } from "@durably/store/sqlite";

const [dbPath, executionName, result] = process.argv.slice(2);
if (dbPath === undefined || executionName === undefined) {
  process.stderr.write("usage: send-callback.ts <db-file> <execution-name> [result]\n");
  process.exit(2);
}

const store = createSqliteStore({ path: dbPath });
try {
  // Not started: this engine only writes the callback's outcome; the running process does the rest.
  const engine = createEngine({ store });
  const { items } = await engine.listExecutions({
    namePrefix: executionName,
    statuses: ["RUNNING"],
  });
  const execution = items.find((candidate) => candidate.name === executionName);
  if (execution === undefined)
    throw new Error(`No running execution named ${executionName} in ${dbPath}.`);
  const waiting = (await engine.getOperations(execution.executionId)).filter(
    (operation) => operation.Type === "CALLBACK" && operation.Status === "STARTED",
  );
  const callbackId = waiting[0]?.CallbackDetails?.CallbackId;
  if (waiting.length !== 1 || callbackId === undefined) {
    throw new Error(
      `Execution ${executionName} waits for ${waiting.length} callbacks; expected exactly one.`,
    );
  }
  await engine.sendCallbackSuccess(callbackId, ...(result === undefined ? [] : [result]));
  process.stdout.write(`Completed callback ${callbackId} of ${executionName}.\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await store.close();
}
