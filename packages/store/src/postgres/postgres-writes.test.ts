import { describe, expect, it } from "vitest";
import { newExecution, step, stepEvent, t0, timer } from "../conformance/store-fixtures.ts";
import { createPostgresStore } from "./postgres-store.ts";
import { schemaTables } from "./postgres-sql.ts";
import { buildCommit, buildCreateExecution, requiredLastEventId } from "./postgres-writes.ts";

const tables = schemaTables("durably");

describe("PostgreSQL write statements", () => {
  it("requires the lastEventId the events follow, or none, or refuses what no row can satisfy", () => {
    const base = { executionId: "e1", expectedVersion: 1 };
    expect(requiredLastEventId(base)).toBeNull();
    expect(requiredLastEventId({ ...base, events: [stepEvent(4, "a"), stepEvent(5, "a")] })).toBe(
      3,
    );
    expect(requiredLastEventId({ ...base, execution: { lastEventId: 6 } })).toBe(6);
    expect(
      requiredLastEventId({ ...base, events: [stepEvent(2, "a"), stepEvent(4, "a")] }),
    ).toBeUndefined();
    const contradicted = { ...base, events: [stepEvent(2, "a")], execution: { lastEventId: 5 } };
    expect(requiredLastEventId(contradicted)).toBeUndefined();
    expect(requiredLastEventId({ ...base, events: [stepEvent(0, "a")] })).toBeUndefined();
  });

  it("writes a whole commit as one statement guarded by the version, with one insert per kind of row", () => {
    const query = buildCommit(
      tables,
      {
        executionId: "e1",
        expectedVersion: 4,
        execution: { status: "SUCCEEDED", readyAt: null },
        operations: [step("e1", 2, "a"), step("e1", 3, "b")],
        events: [stepEvent(2, "a"), stepEvent(3, "b")],
        setTimers: [timer("e1", "t", t0)],
        deleteTimers: [{ executionId: "e1", timerId: "old" }],
      },
      1,
      "durably_ready",
    );
    expect(query.text.match(/INSERT INTO/g)).toHaveLength(3);
    expect(query.text).toMatch(
      /WHERE execution_id = \$\d+ AND version = \$\d+ AND last_event_id = \$\d+/,
    );
    expect(query.text).toContain("timers_deleted");
    // readyAt cleared, not set: nobody is woken.
    expect(query.text).not.toContain("pg_notify");
    expect(query.values).toContainEqual(["a", "b"]);
  });

  it("replaces a timer both deleted and set rather than touching its row twice", () => {
    const query = buildCommit(
      tables,
      {
        executionId: "e1",
        expectedVersion: 1,
        deleteTimers: [{ executionId: "e1", timerId: "t" }],
        setTimers: [timer("e1", "t", t0)],
      },
      null,
      undefined,
    );
    expect(query.text).not.toContain("timers_deleted");
    expect(query.text).toContain("timers_set");
  });

  it("NOTIFYs only when the write gives the execution a readyAt and a channel is set", () => {
    const ready = buildCommit(
      tables,
      { executionId: "e", expectedVersion: 1, execution: { readyAt: t0 } },
      null,
      "c",
    );
    expect(ready.text).toContain("pg_notify");
    const quiet = buildCommit(
      tables,
      { executionId: "e", expectedVersion: 1, execution: { readyAt: t0 } },
      null,
      undefined,
    );
    expect(quiet.text).not.toContain("pg_notify");
    expect(buildCreateExecution(tables, newExecution("e", { readyAt: t0 }), "c").text).toContain(
      "pg_notify",
    );
    expect(buildCreateExecution(tables, newExecution("e"), "c").text).not.toContain("pg_notify");
  });
});

describe("createPostgresStore options", () => {
  it.each([
    ["neither a connection string nor a pool", {}],
    ["an empty connection string", { connectionString: "" }],
    [
      "a schema name that needs quoting",
      { connectionString: "postgres://h/d", schema: "my-schema" },
    ],
    ["a schema name starting with a digit", { connectionString: "postgres://h/d", schema: "1x" }],
    [
      "a schema name too long for its channel",
      { connectionString: "postgres://h/d", schema: "s".repeat(58) },
    ],
    ["a pool of one connection", { connectionString: "postgres://h/d", poolSize: 1 }],
    ["a negative connect timeout", { connectionString: "postgres://h/d", connectTimeoutMs: -1 }],
  ])("rejects %s with INVALID_ARGUMENT before connecting", async (_what, options) => {
    await expect(createPostgresStore(options)).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
  });
});
