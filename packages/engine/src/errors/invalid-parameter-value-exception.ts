/**
 * The rejection of a checkpoint or state request. It is shaped like the service's
 * `InvalidParameterValueException` (name, `$fault`, `$metadata.httpStatusCode` 400) so that both our SDK
 * and the official one classify it as they would on AWS, and it is a Durably error with a stable code.
 */
import { DurablyError } from "@durably/store";

/** Codes a checkpoint rejection carries: token problems, or an illegal batch of updates. */
export type CheckpointRejectionCode = "STALE_TOKEN" | "INVALID_CHECKPOINT";

/** A checkpoint / state request the engine refused; nothing was written. */
export class InvalidParameterValueException extends DurablyError {
  override name = "InvalidParameterValueException" as const;
  declare readonly code: CheckpointRejectionCode;
  /** AWS SDK v3 error shape: a client fault. */
  readonly $fault = "client" as const;
  /** AWS SDK v3 error shape: HTTP 400. */
  readonly $metadata: { httpStatusCode: number } = { httpStatusCode: 400 };

  constructor(code: CheckpointRejectionCode, message: string) {
    super(code, message);
  }
}

/** Token prefix the SDKs look for to classify a rejection as invocation-scoped (retry the invocation). */
const tokenPrefix = "Invalid Checkpoint Token";

/** A checkpoint carrying a stale, foreign or malformed token, or sent after the execution closed. */
export function invalidToken(detail: string): InvalidParameterValueException {
  return new InvalidParameterValueException("STALE_TOKEN", `${tokenPrefix}: ${detail}`);
}

/** A batch of updates that breaks a rule of protocol.md §6.1/§6.2 (message verbatim from the spec). */
export function invalidCheckpoint(message: string): InvalidParameterValueException {
  return new InvalidParameterValueException("INVALID_CHECKPOINT", message);
}
