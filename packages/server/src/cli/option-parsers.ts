/**
 * Parsers for option values. Each throws a CliError that names the option and the bad value.
 */
import { ExecutionStatus } from "@durably/sdk/protocol";
import { CliError } from "./cli-error.ts";

/** Parses `--input`: JSON text; absent means "no input" (the handler receives `{}`). */
export function parseInputOption(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError("INVALID_INPUT", `--input is not valid JSON: ${reason}.`, {
      hint: `Quote the JSON for your shell, e.g. --input '{"orderId":"ord-1"}'.`,
    });
  }
}

const executionNamePattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Checks `--name`: 1–64 of [a-zA-Z0-9-_], as the execution API requires. */
export function parseExecutionNameOption(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  if (!executionNamePattern.test(name)) {
    throw new CliError("INVALID_OPTION", `--name "${name}" is not a valid execution name.`, {
      hint: "Use 1 to 64 letters, digits, '-' or '_'.",
    });
  }
  return name;
}

const statuses: readonly string[] = Object.values(ExecutionStatus);

/** Parses `--status`: one or more comma-separated execution statuses, any case. */
export function parseStatusOption(text: string | undefined): ExecutionStatus[] | undefined {
  if (text === undefined) return undefined;
  const parsed = text
    .split(",")
    .map((part) => part.trim().toUpperCase())
    .filter((part) => part !== "");
  const unknown = parsed.filter((status) => !statuses.includes(status));
  if (parsed.length === 0 || unknown.length > 0) {
    throw new CliError("INVALID_OPTION", `--status "${text}" is not a valid status.`, {
      hint: `Use one or more of ${statuses.join(", ")}, separated by commas.`,
    });
  }
  return parsed as ExecutionStatus[];
}

/** Parses `--limit`: an integer from 1 to 1000. */
export function parseLimitOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(value) || value < 1 || value > 1000) {
    throw new CliError(
      "INVALID_OPTION",
      `--limit "${text}" must be a whole number from 1 to 1000.`,
    );
  }
  return value;
}

/** Parses `--port`: an integer from 0 (a free port) to 65535. */
export function parsePortOption(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value > 65535) {
    throw new CliError(
      "INVALID_OPTION",
      `--port "${text}" must be a whole number from 0 to 65535.`,
      {
        hint: "Use 0 to let the system pick a free port.",
      },
    );
  }
  return value;
}

/** Parses `--error`: a JSON error object ({ "ErrorType"?, "ErrorMessage"?, … }); absent means none. */
export function parseErrorOption(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError("INVALID_INPUT", `--error is not valid JSON: ${reason}.`, {
      hint: `Pass an error object, e.g. --error '{"ErrorType":"Rejected","ErrorMessage":"no stock"}'.`,
    });
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new CliError("INVALID_INPUT", "--error must be a JSON object.", {
      hint: `Pass an error object, e.g. --error '{"ErrorType":"Rejected","ErrorMessage":"no stock"}'.`,
    });
  }
  return value as Record<string, unknown>;
}
