/**
 * Finds executions the way a person names them: by id or by execution name, and the unfinished
 * execution `run` should resume.
 */
import type { Engine, ExecutionSummary } from "@durably/engine";
import { hasErrorCode } from "@durably/store";
import { CliError } from "../cli-error.ts";

/** The execution with this id, else the one with this name (in `functionName` when given). */
export async function findExecution(
  engine: Engine,
  idOrName: string,
  functionName?: string,
): Promise<ExecutionSummary> {
  try {
    return await engine.getExecution(idOrName);
  } catch (error) {
    if (!hasErrorCode(error, "NOT_FOUND") && !hasErrorCode(error, "INVALID_ARGUMENT")) throw error;
  }
  const page = await engine.listExecutions({
    namePrefix: idOrName,
    limit: 1000,
    ...(functionName === undefined ? {} : { functionName }),
  });
  const matches = page.items.filter((execution) => execution.name === idOrName);
  const [only] = matches;
  if (only !== undefined && matches.length === 1) return only;
  if (matches.length === 0) {
    throw new CliError(
      "UNKNOWN_EXECUTION",
      `No execution with id or name "${idOrName}"${functionName === undefined ? "" : ` in function ${functionName}`}.`,
      {
        hint: "List executions with `durably executions list` (pass the same --db).",
      },
    );
  }
  throw new CliError(
    "AMBIGUOUS_EXECUTION",
    `Several functions have an execution named "${idOrName}": ${matches.map((execution) => execution.functionName).join(", ")}.`,
    { hint: "Pass --function, or use the execution id." },
  );
}

/** The newest RUNNING execution of `functionName` whose input equals `input`, if any. */
export async function findResumableExecution(
  engine: Engine,
  functionName: string,
  input: unknown,
): Promise<ExecutionSummary | undefined> {
  const wanted = canonicalInput(input);
  let cursor: string | undefined;
  do {
    const page = await engine.listExecutions({
      functionName,
      statuses: ["RUNNING"],
      limit: 1000,
      ...(cursor === undefined ? {} : { cursor }),
    });
    const match = page.items.find((execution) => canonicalStoredInput(execution.input) === wanted);
    if (match !== undefined) return match;
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return undefined;
}

/** Whether a stored input is the same as the input given on the command line. */
export function isSameInput(stored: string | undefined, input: unknown): boolean {
  return canonicalStoredInput(stored) === canonicalInput(input);
}

// No input and `{}` are the same thing to a handler (the engine passes `{}` for an absent input).
function canonicalInput(input: unknown): string {
  return canonicalJson(input === undefined ? {} : input);
}

function canonicalStoredInput(stored: string | undefined): string {
  if (stored === undefined || stored === "") return canonicalJson({});
  try {
    return canonicalJson(JSON.parse(stored));
  } catch {
    return stored;
  }
}

/** JSON with object keys sorted, so key order does not make two inputs differ. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : item,
  );
}
