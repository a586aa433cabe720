import { describe, expect, it } from "vitest";
import { CliError } from "./cli-error.ts";
import {
  parseExecutionNameOption,
  parseInputOption,
  parseLimitOption,
  parseStatusOption,
} from "./option-parsers.ts";

describe("--input", () => {
  it("parses JSON of any type and leaves an absent input absent", () => {
    expect(parseInputOption('{"a":[1,2]}')).toEqual({ a: [1, 2] });
    expect(parseInputOption("42")).toBe(42);
    expect(parseInputOption(undefined)).toBeUndefined();
  });
  it("rejects invalid JSON with a message naming the option", () => {
    expect(() => parseInputOption("{oops")).toThrow(CliError);
    expect(() => parseInputOption("{oops")).toThrow(/^--input is not valid JSON: /);
  });
});

describe("--name", () => {
  it("accepts 1-64 letters, digits, - and _", () => {
    expect(parseExecutionNameOption("ord-1001_a")).toBe("ord-1001_a");
    expect(parseExecutionNameOption("x".repeat(64))).toHaveLength(64);
  });
  it.each(["", "has space", "x".repeat(65), "ünï"])("rejects %j", (name) => {
    expect(() => parseExecutionNameOption(name)).toThrow(/is not a valid execution name/);
  });
});

describe("--status", () => {
  it("accepts comma-separated statuses in any case", () => {
    expect(parseStatusOption("running, Succeeded")).toEqual(["RUNNING", "SUCCEEDED"]);
  });
  it("rejects unknown statuses, listing the valid ones", () => {
    expect(() => parseStatusOption("DONE")).toThrow('--status "DONE" is not a valid status.');
    expect(() => parseStatusOption(",")).toThrow(CliError);
  });
});

describe("--limit", () => {
  it("accepts whole numbers from 1 to 1000", () => {
    expect(parseLimitOption("1")).toBe(1);
    expect(parseLimitOption("1000")).toBe(1000);
  });
  it.each(["0", "1001", "2.5", "ten", "-1", ""])("rejects %j", (text) => {
    expect(() => parseLimitOption(text)).toThrow(/must be a whole number from 1 to 1000/);
  });
});

describe("--port and --error", () => {
  it("accepts ports 0 to 65535 and names the option otherwise", async () => {
    const { parsePortOption } = await import("./option-parsers.ts");
    expect(parsePortOption("0")).toBe(0);
    expect(parsePortOption("8080")).toBe(8080);
    expect(() => parsePortOption("70000")).toThrow(
      '--port "70000" must be a whole number from 0 to 65535.',
    );
    expect(() => parsePortOption("http")).toThrow(CliError);
  });

  it("accepts an error object and rejects other JSON", async () => {
    const { parseErrorOption } = await import("./option-parsers.ts");
    expect(parseErrorOption('{"ErrorMessage":"no"}')).toEqual({ ErrorMessage: "no" });
    expect(parseErrorOption(undefined)).toBeUndefined();
    expect(() => parseErrorOption("[1]")).toThrow("--error must be a JSON object.");
    expect(() => parseErrorOption("{x")).toThrow(/^--error is not valid JSON: /);
  });
});
