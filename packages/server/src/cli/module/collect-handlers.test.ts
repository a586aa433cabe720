import { describe, expect, it } from "vitest";
import { CliError } from "../cli-error.ts";
import { collectHandlers } from "./collect-handlers.ts";

const handler = async (): Promise<void> => undefined;
const other = async (): Promise<void> => undefined;

function failure(run: () => unknown): CliError {
  try {
    run();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error("expected a CliError");
}

describe("collectHandlers", () => {
  it("hosts every exported function of every module, a default export under its file name", () => {
    class OrderError extends Error {}
    const picked = collectHandlers([
      { modulePath: "a.ts", defaultExportName: "a", namespace: { handler, OrderError, limit: 3 } },
      { modulePath: "refunds.ts", defaultExportName: "refunds", namespace: { default: other } },
    ]);
    expect(picked.map((p) => [p.functionName, p.exportName])).toEqual([
      ["handler", "handler"],
      ["refunds", "default"],
    ]);
  });

  it("rejects a module without functions", () => {
    const error = failure(() =>
      collectHandlers([{ modulePath: "x.ts", defaultExportName: "x", namespace: { value: 1 } }]),
    );
    expect(error.reason).toBe("NO_HANDLER");
    expect(error.message).toBe("x.ts exports no function.");
  });

  it("rejects two modules exporting the same function name, naming both", () => {
    const error = failure(() =>
      collectHandlers([
        { modulePath: "a.ts", defaultExportName: "a", namespace: { handler } },
        { modulePath: "b.ts", defaultExportName: "b", namespace: { handler: other } },
      ]),
    );
    expect(error.message).toBe('Function "handler" is exported by both a.ts and b.ts.');
  });
});
