import { describe, expect, it } from "vitest";
import { CliError } from "../cli-error.ts";
import { pickHandler } from "./pick-handler.ts";

const handler = async (): Promise<void> => undefined;
const other = async (): Promise<void> => undefined;
const base = { modulePath: "orders.ts", defaultExportName: "orders" };

function failure(run: () => unknown): CliError {
  try {
    run();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error("expected a CliError");
}

describe("pickHandler", () => {
  it("takes the only function export and registers it under its export name", () => {
    const picked = pickHandler({ processOrder: handler, defaultOrder: { id: 1 } }, base);
    expect(picked).toEqual({ exportName: "processOrder", functionName: "processOrder", handler });
  });
  it("prefers the export named handler when there are several functions", () => {
    expect(pickHandler({ handler, helper: other }, base).exportName).toBe("handler");
  });
  it("takes the export named by --function", () => {
    expect(pickHandler({ handler, helper: other }, { ...base, exportName: "helper" }).handler).toBe(
      other,
    );
  });
  it("registers a default export under the module's file name", () => {
    expect(pickHandler({ default: handler }, base)).toMatchObject({
      exportName: "default",
      functionName: "orders",
    });
  });
  it("rejects an unknown --function, listing the exports", () => {
    const error = failure(() =>
      pickHandler({ handler, config: 1 }, { ...base, exportName: "nope" }),
    );
    expect(error.reason).toBe("UNKNOWN_FUNCTION");
    expect(error.message).toBe(
      'orders.ts has no export named "nope". It exports config (number), handler (function).',
    );
    expect(error.hint).toBe("Pass --function with one of: handler.");
  });
  it("rejects a --function that is not a function", () => {
    const error = failure(() =>
      pickHandler({ handler, config: { a: 1 } }, { ...base, exportName: "config" }),
    );
    expect(error.reason).toBe("UNKNOWN_FUNCTION");
    expect(error.message).toContain('Export "config" of orders.ts is a object, not a function.');
  });
  it("rejects a module without functions", () => {
    const error = failure(() => pickHandler({ value: 1 }, base));
    expect(error.reason).toBe("NO_HANDLER");
    expect(error.message).toBe("orders.ts exports no function. It exports value (number).");
  });
  it("rejects several functions none of which is handler, suggesting --function", () => {
    const error = failure(() => pickHandler({ a: handler, b: other }, base));
    expect(error.reason).toBe("NO_HANDLER");
    expect(error.message).toBe(
      'orders.ts exports several functions (a, b) and none is named "handler".',
    );
    expect(error.hint).toBe("Choose one with --function, e.g. --function a.");
    expect(error.code).toBe("INVALID_ARGUMENT");
  });
});
