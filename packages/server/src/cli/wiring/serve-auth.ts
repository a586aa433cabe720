/**
 * How `durably serve` authenticates API callers. Tokens come from the environment or a file, never
 * from argv (which any local user can read in `ps`), and no message ever repeats a token.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ApiScope } from "../../http/http-env.ts";
import type { ApiToken, HttpAuth } from "../../http/bearer-auth.ts";
import { isLoopbackHost } from "../../http/loopback.ts";
import { CliError } from "../cli-error.ts";

/** Environment variable holding the server's tokens: comma-separated `token[:scope]`. */
export const apiTokensVariable = "DURABLY_API_TOKENS";

const scopes: ReadonlySet<string> = new Set<ApiScope>(["admin", "callbacks"]);

/**
 * Parses `token[:scope]` entries separated by commas or newlines (blank lines and `#` comments
 * are skipped); a token without scope is an admin token. `source` names where the text came from.
 */
export function parseApiTokens(text: string, source: string): ApiToken[] {
  const entries = text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "" && !entry.startsWith("#"));
  return entries.map((entry, index) => {
    const colon = entry.lastIndexOf(":");
    const token = colon < 0 ? entry : entry.slice(0, colon);
    const scope = colon < 0 ? "admin" : entry.slice(colon + 1);
    if (!scopes.has(scope)) {
      throw new CliError(
        "INVALID_OPTION",
        `Token #${index + 1} in ${source} has scope "${scope}"; use admin or callbacks.`,
        { hint: "Write each entry as token or token:admin or token:callbacks." },
      );
    }
    return { token, scopes: [scope as ApiScope] };
  });
}

/** What decides the server's authentication. */
export interface ServeAuthOptions {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  host: string;
  tokenFile?: string | undefined;
  insecureLocal: boolean;
}

/** The auth of the API: tokens from --token-file or DURABLY_API_TOKENS, or insecure-local on loopback. */
export function resolveServeAuth(options: ServeAuthOptions): HttpAuth {
  const fromEnv = options.env[apiTokensVariable];
  const hasEnvTokens = fromEnv !== undefined && fromEnv.trim() !== "";
  if (options.insecureLocal) {
    if (options.tokenFile !== undefined || hasEnvTokens) {
      throw new CliError(
        "INVALID_OPTION",
        `--insecure-local turns authentication off, but tokens were given (${options.tokenFile === undefined ? apiTokensVariable : "--token-file"}).`,
        { hint: "Use either tokens or --insecure-local, not both." },
      );
    }
    if (!isLoopbackHost(options.host)) {
      throw new CliError(
        "INVALID_OPTION",
        `--insecure-local listens on loopback only, not on --host ${options.host}.`,
        { hint: `Use --host 127.0.0.1, or configure tokens in ${apiTokensVariable}.` },
      );
    }
    return { insecureLocal: true };
  }
  if (options.tokenFile !== undefined) {
    const file = path.resolve(options.cwd, options.tokenFile);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new CliError(
        "INVALID_OPTION",
        `Cannot read --token-file ${options.tokenFile} (${reason}).`,
      );
    }
    return { tokens: nonEmpty(parseApiTokens(text, options.tokenFile), options.tokenFile) };
  }
  if (hasEnvTokens)
    return { tokens: nonEmpty(parseApiTokens(fromEnv, apiTokensVariable), apiTokensVariable) };
  throw new CliError("INVALID_OPTION", "No API token configured, and the API needs one.", {
    hint: `Set ${apiTokensVariable}=<token>[:admin|:callbacks],… or pass --token-file FILE; for a local server only, pass --insecure-local.`,
  });
}

function nonEmpty(tokens: ApiToken[], source: string): ApiToken[] {
  if (tokens.length === 0) throw new CliError("INVALID_OPTION", `${source} holds no token.`);
  return tokens;
}
