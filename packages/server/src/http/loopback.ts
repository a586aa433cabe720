/**
 * Loopback checks for the insecure-local mode: only this machine may talk to a server without tokens.
 */
import { isIPv4 } from "node:net";

/** True when `address` (as a socket reports it) is a loopback address. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice("::ffff:".length) : address;
  if (isIPv4(v4)) return v4.startsWith("127.");
  return address === "::1";
}

/** True when a server bound to `host` is reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || isLoopbackAddress(host);
}
