import { hash } from "node:crypto";

/** Wire id of an operation: the first 16 hex characters of MD5 of its positional id (spec §13.1). */
export function hashOperationId(stepId: string): string {
  return hash("md5", stepId, "hex").slice(0, 16);
}
