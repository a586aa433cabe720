/** A failed API call, carrying the server's problem document (RFC 9457 with a stable code). */

/** One invalid field the server pointed at. */
export interface ApiIssue {
  location: string;
  path: string;
  message: string;
}

/** An error answer of the API, or a network failure (status 0). */
export class ApiError extends Error {
  override readonly name = "ApiError";
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** The problem's stable code (NOT_FOUND, UNAUTHORIZED, …), or NETWORK. */
  readonly code: string;
  readonly issues: readonly ApiIssue[];

  /** Wraps what the server said. */
  constructor(status: number, code: string, message: string, issues: readonly ApiIssue[] = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.issues = issues;
  }

  /** True when the token is missing or wrong: the console asks for one. */
  get isUnauthorized(): boolean {
    return this.status === 401;
  }

  /** The message with the fields the server pointed at. */
  describe(): string {
    if (this.issues.length === 0) return this.message;
    const details = this.issues.map(
      (issue) => `${issue.path === "" ? issue.location : issue.path}: ${issue.message}`,
    );
    return `${this.message} (${details.join("; ")})`;
  }
}

/** Reads an error response into an ApiError, whatever its body. */
export async function apiErrorOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => "");
  let problem: { detail?: unknown; code?: unknown; title?: unknown; issues?: unknown } = {};
  try {
    problem = JSON.parse(text) as typeof problem;
  } catch {
    // Not a problem document (a proxy's error page): the status line has to do.
  }
  const message =
    typeof problem.detail === "string"
      ? problem.detail
      : typeof problem.title === "string"
        ? problem.title
        : `${response.status} ${response.statusText}`.trim();
  const code = typeof problem.code === "string" ? problem.code : `HTTP_${response.status}`;
  const issues = Array.isArray(problem.issues) ? (problem.issues as ApiIssue[]) : [];
  return new ApiError(response.status, code, message, issues);
}
