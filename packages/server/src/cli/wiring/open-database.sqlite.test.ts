import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CliError } from "../cli-error.ts";
import { openDatabase } from "./open-database.ts";

const dir = (): string => mkdtempSync(path.join(tmpdir(), "durably-cli-db-"));

describe("openDatabase", () => {
  it("creates the file and its directories for commands that write", async () => {
    const cwd = dir();
    const store = openDatabase({ dbPath: "nested/deeper/x.db", cwd, create: true });
    await store.close();
    expect(existsSync(path.join(cwd, "nested/deeper/x.db"))).toBe(true);
  });

  it("refuses a missing file for commands that only read, and does not create it", () => {
    const cwd = dir();
    let error: unknown;
    try {
      openDatabase({ dbPath: "missing.db", cwd, create: false });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).reason).toBe("DATABASE_NOT_FOUND");
    expect((error as CliError).message).toBe(
      `No database at missing.db (${path.join(cwd, "missing.db")}).`,
    );
    expect(existsSync(path.join(cwd, "missing.db"))).toBe(false);
  });

  it("starts from an empty database with --fresh, deleting the WAL companions too", async () => {
    const cwd = dir();
    const file = path.join(cwd, "x.db");
    writeFileSync(file, "not a database");
    writeFileSync(`${file}-wal`, "stale");
    const store = openDatabase({ dbPath: "x.db", cwd, create: true, fresh: true });
    expect((await store.listExecutions()).items).toEqual([]);
    await store.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});
