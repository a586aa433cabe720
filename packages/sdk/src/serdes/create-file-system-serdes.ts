import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type FileSystemSerdesConfig,
  FileSystemPathEncoding,
  FileSystemSerdesMode,
} from "./file-system-serdes-options.ts";
import type { AnySerdes, SerdesContext } from "./serdes.ts";

/** Largest inline envelope in OVERFLOW mode: the 256 KiB checkpoint limit less 1 KiB of headroom. */
export const OVERFLOW_THRESHOLD_BYTES: number = 256 * 1024 - 1024;

/**
 * `arn:<partition>:lambda:<region>:<account>:function:<function>[:<qualifier>]/durable-execution/<execution name>/<invocation id>`:
 * the shape of the official service's execution ARNs and of Durably's
 * (`arn:durably:lambda:local:000000000000:function:<fn>:$LATEST/durable-execution/<name>/<id>`).
 */
const EXECUTION_ARN =
  /^arn:[^:]*:lambda:[^:]*:[^:]*:function:([^:/]+)(?::[^:/]+)?\/durable-execution\/([^/]+)\/([^/]+)$/;

/** The stored form of a value: inline JSON, or the file holding it with an optional preview. */
type Envelope = { data: string } | { file: string; preview?: Record<string, unknown> };

/**
 * A serdes that keeps values in JSON files under `basePath` and checkpoints only a small envelope
 * (spec/sdk-api.md §11.4): `{"file":"<path>"}` (plus `"preview"` when `generatePreview` gives
 * one), or in OVERFLOW mode `{"data":"<json>"}` while that envelope fits a checkpoint.
 * Files live in `<basePath>/<function>/<execution name>/<invocation id>/<operation id>.json`
 * (URI encoding) or `<basePath>/<sha256(ARN)>/<sha256(operation id)>.json` (HASH encoding).
 * `basePath` must be storage every invocation of the execution sees (a shared mount), since a
 * replay may run elsewhere and reads the file back by its recorded path.
 */
export function createFileSystemSerdes(
  basePath: string,
  config: FileSystemSerdesConfig = {},
): AnySerdes {
  const storageMode = config.storageMode ?? FileSystemSerdesMode.ALWAYS;
  const pathEncoding = config.pathEncoding ?? FileSystemPathEncoding.URI;

  async function toFile(value: unknown, json: string, context: SerdesContext): Promise<string> {
    const directory = executionDirectory(basePath, context.durableExecutionArn, pathEncoding);
    const file = join(directory, `${encodeName(context.entityId, pathEncoding)}.json`);
    await mkdir(directory, { recursive: true });
    await writeFile(file, json, "utf8");
    const preview = config.generatePreview?.(value);
    const envelope: Envelope =
      preview === undefined || preview === null ? { file } : { file, preview };
    return JSON.stringify(envelope);
  }

  return {
    async serialize(value, context) {
      if (value === undefined) return undefined;
      const json = JSON.stringify(value) as string | undefined;
      if (json === undefined) return undefined;
      if (storageMode === FileSystemSerdesMode.OVERFLOW) {
        const inline = JSON.stringify({ data: json } satisfies Envelope);
        if (Buffer.byteLength(inline, "utf8") <= OVERFLOW_THRESHOLD_BYTES) return inline;
      }
      return toFile(value, json, context);
    },

    async deserialize(data) {
      if (data === undefined) return undefined;
      const envelope = parseEnvelope(data);
      if ("file" in envelope) return JSON.parse(await readFile(envelope.file, "utf8"));
      return JSON.parse(envelope.data);
    },
  };
}

function parseEnvelope(data: string): Envelope {
  const parsed: unknown = JSON.parse(data);
  if (typeof parsed === "object" && parsed !== null) {
    const { file, data: inline } = parsed as { file?: unknown; data?: unknown };
    if (typeof file === "string") return { file };
    if (typeof inline === "string") return { data: inline };
  }
  throw new Error(
    'File-system serdes: the stored data is not a {"file":…} or {"data":…} envelope; was it written by another serdes?',
  );
}

/**
 * The directory of one execution's files. URI: `<function>/<execution name>/<invocation id>` from
 * the ARN, or the whole ARN as one encoded segment when it has another shape. HASH: sha256(ARN).
 */
function executionDirectory(
  basePath: string,
  durableExecutionArn: string,
  pathEncoding: FileSystemPathEncoding,
): string {
  if (pathEncoding === FileSystemPathEncoding.URI) {
    const parts = EXECUTION_ARN.exec(durableExecutionArn)?.slice(1).map(encodeURIComponent);
    if (parts !== undefined && parts.every(isPlainSegment)) return join(basePath, ...parts);
  }
  return join(basePath, encodeName(durableExecutionArn, pathEncoding));
}

/** A value as one safe file-name segment: URI-encoded (readable) or its sha256 hex (fixed length). */
function encodeName(value: string, pathEncoding: FileSystemPathEncoding): string {
  if (pathEncoding === FileSystemPathEncoding.URI) {
    const encoded = encodeURIComponent(value);
    if (isPlainSegment(encoded)) return encoded;
  }
  return createHash("sha256").update(value).digest("hex");
}

/** Not empty, `.` or `..`, which `join` would collapse or use to leave the directory. */
function isPlainSegment(segment: string): boolean {
  return segment !== "" && segment !== "." && segment !== "..";
}
