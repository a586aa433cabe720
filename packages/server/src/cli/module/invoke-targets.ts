/**
 * What `durably run` hosts besides the handler it runs: the module's other exported functions,
 * so that `context.invoke("…", "paymentService", …)` finds a `paymentService` exported beside the
 * handler. They are registered under their export names, as `serve` registers them.
 */
import { collectHandlers } from "./collect-handlers.ts";
import type { ModuleExports } from "./collect-handlers.ts";
import type { PickedHandler } from "./pick-handler.ts";

/** The module's functions other than `picked`, each under its export name. */
export function invokeTargets(module: ModuleExports, picked: PickedHandler): PickedHandler[] {
  return collectHandlers([module]).filter((target) => target.functionName !== picked.functionName);
}
