/**
 * The root of Durably's own errors, and the store's codes. Guards check a `Symbol.for` brand so
 * they work across duplicate package copies.
 */

const brand: unique symbol = Symbol.for("durably.error");

/** Stable codes of Durably's own errors (engine, store, server, CLI). */
export type DurablyErrorCode =
  | "CONFLICT"
  | "STALE_TOKEN"
  | "NOT_FOUND"
  | "UNAVAILABLE"
  | "CLOSED"
  | "INVALID_ARGUMENT"
  | "INVALID_CHECKPOINT"
  | "ALREADY_EXISTS"
  | "EXECUTION_CLOSED"
  | "CORRUPT"
  | "INTERNAL"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "VALIDATION_FAILED"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE";

/** Base class of every error Durably raises on its own behalf. */
export class DurablyError extends Error {
  readonly code: DurablyErrorCode;
  override name: string = "DurablyError";
  constructor(code: DurablyErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    Object.defineProperty(this, brand, { value: true });
  }
  /** True for any DurablyError, from any copy of this package. */
  static is(value: unknown): value is DurablyError {
    return (
      typeof value === "object" &&
      value !== null &&
      (value as Record<symbol, unknown>)[brand] === true
    );
  }
}

/** An error raised by a store adapter (driver errors are translated into these codes). */
export class StoreError extends DurablyError {
  override name: string = "StoreError";
}

/** True when `value` is a Durably error with the given code. */
export function hasErrorCode(value: unknown, code: DurablyErrorCode): boolean {
  return DurablyError.is(value) && value.code === code;
}
