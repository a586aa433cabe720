/**
 * Opaque paging markers of the operations and history routes. They are encoded so that clients
 * pass them back unchanged instead of building them, which leaves room to change what they hold.
 */
import { ServerError } from "./server-error.ts";

/** Where the next page of operations or history events starts. */
export type PageMarker =
  | { kind: "operations"; offset: number }
  | { kind: "history"; eventId: number; reverse: boolean };

const version = 1;

/** Encodes a marker as base64url text. */
export function encodePageMarker(marker: PageMarker): string {
  const parts =
    marker.kind === "operations"
      ? [version, "o", marker.offset]
      : [version, "h", marker.eventId, marker.reverse ? 1 : 0];
  return Buffer.from(JSON.stringify(parts), "utf8").toString("base64url");
}

/** Decodes a marker of the given kind; anything else is VALIDATION_FAILED. */
export function decodePageMarker<K extends PageMarker["kind"]>(
  text: string,
  kind: K,
): Extract<PageMarker, { kind: K }> {
  const marker = parse(text);
  if (marker === undefined || marker.kind !== kind)
    throw invalidMarker("Marker is malformed or belongs to another listing.");
  return marker as Extract<PageMarker, { kind: K }>;
}

/** The VALIDATION_FAILED error of a marker that cannot be used, saying why. */
export function invalidMarker(why: string): ServerError {
  return new ServerError(
    "VALIDATION_FAILED",
    `${why} Pass the NextMarker of the previous page unchanged, with the same ordering.`,
    { issues: [{ location: "query", path: "Marker", message: why }] },
  );
}

function parse(text: string): PageMarker | undefined {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parts) || parts[0] !== version) return undefined;
  const position: unknown = parts[2];
  if (typeof position !== "number" || !Number.isSafeInteger(position) || position < 0)
    return undefined;
  if (parts[1] === "o" && parts.length === 3) return { kind: "operations", offset: position };
  if (parts[1] === "h" && parts.length === 4 && (parts[3] === 0 || parts[3] === 1))
    return { kind: "history", eventId: position, reverse: parts[3] === 1 };
  return undefined;
}
