/**
 * Which server, database and user a store talks to, for error messages, and the secrets those
 * messages must never contain. Read from the connection string (or the given pool's options)
 * with the driver's defaults, never by connecting.
 */
import { userInfo } from "node:os";

/** The server, database and user of a store, as error messages name them. */
export interface ConnectionTarget {
  /** `host:port`, or a socket directory. */
  address: string;
  database: string;
  user: string;
  /** Strings to blank out of any message (the password, raw and URL-encoded). */
  secrets: readonly string[];
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "postgres";
  }
}

interface TargetParts {
  host?: string | undefined;
  port?: string | number | undefined;
  user?: string | undefined;
  database?: string | undefined;
  password?: unknown;
}

// The defaults node-postgres applies: PG* environment variables, then localhost:5432 and the OS user.
function complete(parts: TargetParts, secrets: string[]): ConnectionTarget {
  const env = process.env;
  const host = parts.host || env.PGHOST || "localhost";
  const port = parts.port || env.PGPORT || 5432;
  const user = parts.user || env.PGUSER || osUser();
  const database = parts.database || env.PGDATABASE || user;
  if (typeof parts.password === "string" && parts.password !== "") secrets.push(parts.password);
  if (env.PGPASSWORD) secrets.push(env.PGPASSWORD);
  return {
    address: host.startsWith("/") ? host : `${host}:${String(port)}`,
    database,
    user,
    secrets: secrets.filter((secret) => secret.length > 0),
  };
}

/** The target of a connection string (`postgres://user:password@host:port/database?…`). */
export function targetOfConnectionString(connectionString: string): ConnectionTarget {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    // Not a URL (key=value or a socket path): name the defaults, and keep the whole string secret.
    return complete({}, [connectionString]);
  }
  const decode = (text: string): string => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  const secrets = url.password === "" ? [] : [url.password];
  return complete(
    {
      host: url.searchParams.get("host") ?? decode(url.hostname.replace(/^\[|\]$/g, "")),
      port: url.port,
      user: decode(url.username),
      database: decode(url.pathname.slice(1)),
      password: decode(url.password),
    },
    secrets,
  );
}

/** The target of a pool the caller created, from the options node-postgres keeps on it. */
export function targetOfPool(pool: object): ConnectionTarget {
  const options = (pool as { options?: TargetParts & { connectionString?: unknown } }).options;
  if (typeof options?.connectionString === "string") {
    return targetOfConnectionString(options.connectionString);
  }
  return complete(options ?? {}, []);
}

/** `text` with every secret of `target` and any `user:password@` of a URL blanked out. */
export function redact(text: string, target: ConnectionTarget): string {
  let out = text.replace(/(\/\/[^/:@\s]*):[^@/\s]*@/g, "$1:***@");
  for (const secret of target.secrets) out = out.replaceAll(secret, "***");
  return out;
}

/** `database "x" as user "y" at host:port`, for messages. */
export function describeTarget(target: ConnectionTarget): string {
  return `database "${target.database}" as user "${target.user}" at ${target.address}`;
}
