import { describe, expect, it } from "vitest";
import { DurablyError } from "../errors/store-error.ts";
import { describeTarget, redact, targetOfConnectionString } from "./connection-target.ts";
import { toStoreError } from "./postgres-errors.ts";

const target = targetOfConnectionString("postgres://app:p%40ss@db.example:6543/orders");
const driverError = (code: string, message: string, extra: object = {}): Error =>
  Object.assign(new Error(message), { code, ...extra });
const translate = (error: unknown): DurablyError =>
  toStoreError(error, { target, action: "commit" });

describe("connection target", () => {
  it("reads host, port, user and database from the URL, decoding them, and keeps the password secret", () => {
    expect(target).toMatchObject({ address: "db.example:6543", database: "orders", user: "app" });
    expect(describeTarget(target)).toBe('database "orders" as user "app" at db.example:6543');
    expect(target.secrets).toContain("p@ss");
  });

  it("applies the driver's defaults for what the URL leaves out", () => {
    const bare = targetOfConnectionString("postgres://someone@db.example");
    expect(bare.address).toBe(`db.example:${process.env.PGPORT || 5432}`);
    expect(bare.database).toBe(process.env.PGDATABASE || "someone");
    expect(targetOfConnectionString("postgres://u@x/db?host=/run/pg").address).toBe("/run/pg");
  });

  it("blanks passwords out of any text, raw, URL-encoded or inside a URL", () => {
    expect(redact("auth p@ss failed", target)).toBe("auth *** failed");
    expect(redact("postgres://app:p%40ss@db.example/orders", target)).toBe(
      "postgres://app:***@db.example/orders",
    );
    expect(redact("see postgres://x:other@h/d", target)).toBe("see postgres://x:***@h/d");
  });

  it("keeps a connection string that is not a URL secret as a whole", () => {
    const odd = targetOfConnectionString("host=h password=hunter2");
    expect(redact("bad: host=h password=hunter2", odd)).not.toContain("hunter2");
  });
});

describe("driver errors as StoreErrors", () => {
  it.each([
    [
      "ECONNREFUSED",
      "UNAVAILABLE",
      "could not connect to PostgreSQL at db.example:6543: connection refused",
    ],
    ["ENOTFOUND", "UNAVAILABLE", "db.example:6543: host not found"],
    ["ETIMEDOUT", "UNAVAILABLE", "connection timed out"],
    ["28P01", "UNAVAILABLE", 'rejected the password of user "app" for database "orders"'],
    ["28000", "UNAVAILABLE", 'refused user "app" for database "orders"'],
    ["3D000", "UNAVAILABLE", 'database "orders" does not exist on PostgreSQL at db.example:6543'],
    ["57P01", "UNAVAILABLE", "retry later"],
    ["53300", "UNAVAILABLE", "no connection slot left"],
    ["40P01", "UNAVAILABLE", "retry later"],
    ["25006", "UNAVAILABLE", "read-only"],
    ["42501", "UNAVAILABLE", 'user "app" lacks a privilege'],
    ["23505", "INVALID_ARGUMENT", "nothing was written"],
    ["22021", "INVALID_ARGUMENT", "nothing was written"],
    ["42P01", "CORRUPT", "missing or damaged"],
    ["XX001", "CORRUPT", "missing or damaged"],
    ["42601", "INTERNAL", "PostgreSQL failed while commit"],
  ])("translates %s into %s", (code, expected, text) => {
    const error = translate(driverError(code, "driver says p@ss"));
    expect(error.code).toBe(expected);
    expect(error.name).toBe("StoreError");
    expect(error.message).toContain(text);
    expect(error.message).not.toContain("p@ss");
  });

  it("treats a lost or timed-out connection without a code as UNAVAILABLE", () => {
    for (const message of [
      "Connection terminated unexpectedly",
      "timeout exceeded when trying to connect",
      "Client has encountered a connection error and is not queryable",
    ]) {
      expect(translate(new Error(message)).code).toBe("UNAVAILABLE");
    }
  });

  it("reads the code of the first failure of an AggregateError (every address of a host refused)", () => {
    const error = new AggregateError([
      driverError("ECONNREFUSED", "connect ECONNREFUSED ::1:6543"),
    ]);
    expect(translate(error).message).toContain("connection refused");
  });

  it("reports a stored record that is not JSON as CORRUPT", () => {
    expect(translate(new SyntaxError("Unexpected token")).code).toBe("CORRUPT");
  });

  it("passes Durably's own errors through and keeps the driver error as cause", () => {
    const own = new DurablyError("CONFLICT", "x");
    expect(translate(own)).toBe(own);
    const cause = driverError("57P01", "terminating connection");
    expect(translate(cause).cause).toBe(cause);
  });
});
