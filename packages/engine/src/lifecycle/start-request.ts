/**
 * Validation of a start request: name, timeout and input, each rejected with a message that says
 * what was wrong. Nothing is written for a bad request.
 */
import type { StartExecutionRequest } from "../api/engine-api.ts";
import { checkpointLimits } from "../checkpoint/batch-validation.ts";
import { InvalidArgumentError } from "../errors/engine-errors.ts";

const namePattern = /^[a-zA-Z0-9_-]{1,64}$/;

/** A start request, validated. */
export interface ValidStart {
  functionName: string;
  executionName: string | undefined;
  inputPayload: string | undefined;
  timeoutSeconds: number | undefined;
}

/** Validates `request` (function existence is checked by the caller). */
export function validateStart(request: StartExecutionRequest): ValidStart {
  const { executionName, timeoutSeconds } = request;
  if (typeof request.functionName !== "string" || request.functionName.length === 0) {
    throw new InvalidArgumentError("functionName is required.");
  }
  if (
    executionName !== undefined &&
    (typeof executionName !== "string" || !namePattern.test(executionName))
  ) {
    throw new InvalidArgumentError(
      `Invalid execution name ${JSON.stringify(executionName)}: use 1 to 64 characters of [a-zA-Z0-9-_].`,
    );
  }
  if (
    timeoutSeconds !== undefined &&
    (!Number.isInteger(timeoutSeconds) ||
      timeoutSeconds < 1 ||
      timeoutSeconds > checkpointLimits.maxDelaySeconds)
  ) {
    throw new InvalidArgumentError(
      `Invalid timeoutSeconds ${String(timeoutSeconds)}: use a whole number of seconds from 1 to ${checkpointLimits.maxDelaySeconds}.`,
    );
  }
  const inputPayload = serialiseInput(request);
  if (inputPayload !== undefined && inputPayload.length > checkpointLimits.maxPayloadChars) {
    throw new InvalidArgumentError(
      `Input is ${inputPayload.length} characters of JSON; the limit is ${checkpointLimits.maxPayloadChars}.`,
    );
  }
  return { functionName: request.functionName, executionName, inputPayload, timeoutSeconds };
}

function serialiseInput(request: StartExecutionRequest): string | undefined {
  if (request.inputPayload !== undefined) {
    try {
      JSON.parse(request.inputPayload);
    } catch {
      throw new InvalidArgumentError("inputPayload must be JSON text.");
    }
    return request.inputPayload;
  }
  if (request.input === undefined) return undefined;
  let json: string | undefined;
  try {
    json = JSON.stringify(request.input);
  } catch (error) {
    throw new InvalidArgumentError(
      `Input cannot be serialised to JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (json === undefined)
    throw new InvalidArgumentError(
      "Input cannot be serialised to JSON (functions and symbols can't).",
    );
  return json;
}
