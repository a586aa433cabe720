/**
 * Reads the conformance requirements from a folder of suites of YAML files.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { CallbackAction, ExpectedLog, Requirement } from "./requirement.ts";
import { resolveVariables, substitute } from "./substitute.ts";

/** A YAML scalar as text (numbers and booleans included); `fallback` for anything else. */
function scalarText(value: unknown, fallback: string): string {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : fallback;
}

function compareIds(a: string, b: string): number {
  const [a1, a2] = a.split(".").map(Number);
  const [b1, b2] = b.split(".").map(Number);
  return (a1 ?? 0) - (b1 ?? 0) || (a2 ?? 0) - (b2 ?? 0);
}

/** Every requirement under `dir` (one sub-folder per suite), ordered by id. */
export function loadRequirements(dir: string): Requirement[] {
  const out: Requirement[] = [];
  for (const suite of readdirSync(dir).sort()) {
    const suiteDir = join(dir, suite);
    if (!statSync(suiteDir).isDirectory()) continue;
    for (const name of readdirSync(suiteDir)) {
      if (!/^\d+-\d+\.ya?ml$/.test(name)) continue;
      out.push(
        parseRequirement(suite, join(suiteDir, name), readFileSync(join(suiteDir, name), "utf8")),
      );
    }
  }
  return out.sort((a, b) => compareIds(a.id, b.id));
}

/** Parses one requirement file. */
export function parseRequirement(suite: string, file: string, text: string): Requirement {
  const raw = (parse(text) ?? {}) as Record<string, unknown>;
  const base = file.split("/").pop() ?? file;
  const id = base.replace(/\.ya?ml$/, "").replace("-", ".");
  const variables = resolveVariables(raw["Variables"]);
  const doc = substitute(raw, variables) as Record<string, unknown>;
  const expected = (doc["ExpectedResult"] ?? {}) as Record<string, unknown>;
  const actions = ((doc["CallbackActions"] ?? []) as Record<string, unknown>[]).map(
    (a): CallbackAction => ({
      callbackName: scalarText(a["CallbackName"], "*"),
      operation: scalarText(a["Operation"], "success").toLowerCase() as CallbackAction["operation"],
      payload: a["Payload"],
      delaySeconds: Number(a["Delay"] ?? 0),
    }),
  );
  const requirement: Requirement = {
    id,
    suite,
    file,
    description: scalarText(doc["description"], ""),
    input: doc["Input"] ?? null,
    isAsync: doc["AsyncInvoke"] === true || doc["async"] === true,
    expectedStatus: scalarText(expected["ExecutionStatus"], "SUCCEEDED"),
    callbackActions: actions,
    expectedHistory: (doc["ExpectedExecutionHistory"] ?? []) as Record<string, unknown>[],
    expectedLogs: (doc["ExpectedLogs"] ?? []) as ExpectedLog[],
    variables,
    raw: doc,
  };
  if (Object.hasOwn(expected, "Result")) requirement.expectedResult = { value: expected["Result"] };
  if (expected["Error"] && typeof expected["Error"] === "object")
    requirement.expectedError = expected["Error"] as Record<string, unknown>;
  return requirement;
}
