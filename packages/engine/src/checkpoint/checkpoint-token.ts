/**
 * Checkpoint tokens: opaque base64 text encoding (executionId, generation, sequence). A token is
 * valid only while its generation is the execution's current one (fencing: a claim bumps it) and
 * its sequence is the latest issued in that generation.
 */

/** What a token says. */
export interface CheckpointTokenClaims {
  executionId: string;
  generation: number;
  sequence: number;
}

/** Encodes a token. */
export function encodeCheckpointToken(claims: CheckpointTokenClaims): string {
  return Buffer.from(
    JSON.stringify([claims.executionId, claims.generation, claims.sequence]),
    "utf8",
  ).toString("base64");
}

/** Decodes a token; undefined when it is not one of ours. */
export function decodeCheckpointToken(token: unknown): CheckpointTokenClaims | undefined {
  if (typeof token !== "string" || token.length === 0 || token.length > 2048) return undefined;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
    if (!Array.isArray(decoded) || decoded.length !== 3) return undefined;
    const [executionId, generation, sequence] = decoded as unknown[];
    if (
      typeof executionId !== "string" ||
      !Number.isInteger(generation) ||
      !Number.isInteger(sequence)
    )
      return undefined;
    return { executionId, generation: generation as number, sequence: sequence as number };
  } catch {
    return undefined;
  }
}
