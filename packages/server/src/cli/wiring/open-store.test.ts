import { describe, expect, it } from "vitest";
import { CliError } from "../cli-error.ts";
import { describeStoreLocation, isPostgresUrl, openStore } from "./open-store.ts";

describe("openStore", () => {
  it("takes postgres:// and postgresql:// URLs for PostgreSQL, anything else for a SQLite file", () => {
    expect(isPostgresUrl("postgres://u@h:5432/d")).toBe(true);
    expect(isPostgresUrl("POSTGRESQL://u@h/d")).toBe(true);
    expect(isPostgresUrl("sqlite:.durably/durably.db")).toBe(false);
    expect(isPostgresUrl("./postgres.db")).toBe(false);
  });

  it("describes a location without its password", () => {
    expect(
      describeStoreLocation({ db: "postgres://app:s3cret@db:5432/prod", schema: "jobs" }),
    ).toBe("postgres://app:***@db:5432/prod (schema jobs)");
    expect(describeStoreLocation({ db: "postgres://app@db/prod" })).toBe(
      "postgres://app@db/prod (schema durably)",
    );
    expect(describeStoreLocation({ db: "sqlite:x.db" })).toBe("x.db");
  });

  it("refuses --schema for a SQLite file and --fresh for PostgreSQL before touching anything", async () => {
    const schema = openStore({ db: "x.db", schema: "s" }, { cwd: "/nonexistent", create: true });
    await expect(schema).rejects.toBeInstanceOf(CliError);
    await expect(schema).rejects.toThrow("--schema applies to PostgreSQL; x.db is a SQLite file.");
    const fresh = openStore(
      { db: "postgres://u@127.0.0.1:1/d" },
      { cwd: "/", create: true, fresh: true },
    );
    await expect(fresh).rejects.toThrow("--fresh deletes a SQLite file; --db names PostgreSQL.");
  });
});
