/**
 * Errors the HTTP layer raises on its own behalf (authentication, request validation, limits).
 * They share Durably's root error class, so one table turns every error into an HTTP status.
 */
import { DurablyError } from "@durably/store";
import type { DurablyErrorCode } from "@durably/store";

/** Codes only the server raises; stable, clients may branch on them. */
export type ServerErrorCode =
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "VALIDATION_FAILED"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE";

/** Every code a problem response can carry: the shared Durably codes and the server's own. */
export type ProblemCode = DurablyErrorCode | ServerErrorCode;

/** One rejected input: where it was (body, query, path) and what was wrong with it. */
export interface ValidationIssue {
  location: string;
  path: string;
  message: string;
}

/** Options of {@link ServerError}. */
export interface ServerErrorOptions {
  /** Details of a VALIDATION_FAILED rejection. */
  issues?: ValidationIssue[];
  /** Headers the response must carry (e.g. `WWW-Authenticate` on 401). */
  headers?: Record<string, string>;
  cause?: unknown;
}

/** A request the server refused; nothing was changed. */
export class ServerError extends DurablyError {
  override name: string = "ServerError";
  readonly issues: ValidationIssue[];
  readonly headers: Record<string, string>;
  constructor(code: ProblemCode, message: string, options: ServerErrorOptions = {}) {
    super(code, message, { cause: options.cause });
    this.issues = options.issues ?? [];
    this.headers = options.headers ?? {};
  }
}
