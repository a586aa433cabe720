/**
 * A nightly ETL pipeline: extract, transform, load, with durable waits between the stages.
 *
 * Each stage is a child context whose steps are checkpointed, so a crash during the load does not
 * extract or transform again. Between the stages the function waits durably: an hour for late
 * records to arrive, then until the warehouse's load window opens. Nothing runs while it waits;
 * the engine resumes the function when the timer fires, in whatever process is running then. The
 * warehouse load is asynchronous, so the function polls the job with `waitForCondition`, whose
 * state (and attempt count) is checkpointed between polls.
 *
 * Run it (the waits take 1 h and 6 h of real time in the CLI; pass shorter ones to watch it):
 *   durably run examples/etl-pipeline/etl-pipeline.ts --input '{"batchDate":"2025-01-06","lateArrivalWait":{"seconds":3},"loadWindowWait":{"seconds":5}}'
 */
import { createWaitStrategy, withDurableExecution } from "@durably/sdk";
import type { DurableContext, Duration } from "@durably/sdk";

/** What to process. */
export interface EtlRequest {
  /** The business day to process, YYYY-MM-DD. */
  batchDate: string;
  /** How long to wait for late records after extracting (default 1 hour). */
  lateArrivalWait?: Duration;
  /** How long until the warehouse's load window opens (default 6 hours). */
  loadWindowWait?: Duration;
}

/** A raw sale as the source system exports it. */
interface RawSale {
  id: string;
  amount: string;
  currency: string;
  region: string;
}

/** Revenue per region, in euro cents, as loaded into the warehouse. */
export interface RegionRevenue {
  region: string;
  revenueCents: number;
  sales: number;
}

/** What the run did. */
export interface EtlReport {
  batchDate: string;
  extracted: number;
  rejected: number;
  loadedRows: number;
  jobId: string;
  pollsUntilLoaded: number;
  revenue: RegionRevenue[];
}

/** The state carried from one poll of the load job to the next. */
interface LoadJobState {
  jobId: string;
  polls: number;
  status: "QUEUED" | "RUNNING" | "DONE";
}

const centsPerUnit: Readonly<Record<string, number>> = { EUR: 100, USD: 92 };

// Stand-ins for the source database and the warehouse.
const source = {
  exportSales: async (batchDate: string): Promise<RawSale[]> => [
    { id: `${batchDate}-1`, amount: "19.90", currency: "EUR", region: "north" },
    { id: `${batchDate}-2`, amount: "5.00", currency: "USD", region: "south" },
    { id: `${batchDate}-3`, amount: "oops", currency: "EUR", region: "north" },
    { id: `${batchDate}-4`, amount: "42.00", currency: "EUR", region: "south" },
    { id: `${batchDate}-5`, amount: "7.50", currency: "GBP", region: "north" },
    { id: `${batchDate}-6`, amount: "12.10", currency: "EUR", region: "north" },
  ],
};
const warehouse = {
  submitLoad: async (batchDate: string, rows: RegionRevenue[]) => ({
    jobId: `load-${batchDate}-${rows.length}`,
  }),
  // The fake job is done on the third status check.
  jobStatus: async (state: LoadJobState): Promise<LoadJobState["status"]> =>
    state.polls + 1 >= 3 ? "DONE" : "RUNNING",
  countRows: async (_jobId: string, expected: number) => expected,
};

/** Runs the ETL pipeline for one business day. */
export const handler = withDurableExecution(
  async (request: EtlRequest, context: DurableContext): Promise<EtlReport> => {
    // Extract: export the day's sales once; a replay reuses the recorded export.
    const sales = await context.runInChildContext("extract", (stage) =>
      stage.step("export-sales", () => source.exportSales(request.batchDate)),
    );

    // Late records trickle in for a while after midnight. A durable wait costs nothing while it
    // lasts, and survives restarts and deploys.
    await context.wait("wait-for-late-arrivals", request.lateArrivalWait ?? { hours: 1 });

    // Transform: clean and aggregate. Pure code, but recorded, so the loaded numbers are exactly
    // those of the first run even if the rules change before a replay.
    const transformed = await context.runInChildContext("transform", async (stage) => {
      const valid = await stage.step("clean-sales", async () =>
        sales.filter(
          (sale) => Number.isFinite(Number(sale.amount)) && sale.currency in centsPerUnit,
        ),
      );
      const revenue = await stage.step("aggregate-by-region", async () => {
        const byRegion = new Map<string, RegionRevenue>();
        for (const sale of valid) {
          const row = byRegion.get(sale.region) ?? {
            region: sale.region,
            revenueCents: 0,
            sales: 0,
          };
          row.revenueCents += Math.round(Number(sale.amount) * (centsPerUnit[sale.currency] ?? 0));
          row.sales += 1;
          byRegion.set(sale.region, row);
        }
        return [...byRegion.values()].sort((a, b) => a.region.localeCompare(b.region));
      });
      return { revenue, rejected: sales.length - valid.length };
    });

    // The warehouse takes loads only in its nightly window.
    await context.wait("wait-for-load-window", request.loadWindowWait ?? { hours: 6 });

    // Load: submit the job once, then poll it with durable waits between the checks.
    const load = await context.runInChildContext("load", async (stage) => {
      const { jobId } = await stage.step("submit-load-job", () =>
        warehouse.submitLoad(request.batchDate, transformed.revenue),
      );
      const job = await stage.waitForCondition<LoadJobState>(
        "wait-for-load-job",
        async (state) => ({
          ...state,
          polls: state.polls + 1,
          status: await warehouse.jobStatus(state),
        }),
        {
          initialState: { jobId, polls: 0, status: "QUEUED" },
          waitStrategy: createWaitStrategy({
            shouldContinuePolling: (state) => state.status !== "DONE",
            // Check soon, then back off: 5 s, 10 s, 20 s… up to 5 minutes (with jitter).
            maxAttempts: 30,
            initialDelay: { seconds: 5 },
            maxDelay: { minutes: 5 },
            backoffRate: 2,
          }),
        },
      );
      const loadedRows = await stage.step("verify-row-count", async () => {
        const rows = await warehouse.countRows(jobId, transformed.revenue.length);
        if (rows !== transformed.revenue.length) {
          throw new Error(`Load ${jobId} has ${rows} rows, expected ${transformed.revenue.length}`);
        }
        return rows;
      });
      return { jobId, polls: job.polls, loadedRows };
    });

    return {
      batchDate: request.batchDate,
      extracted: sales.length,
      rejected: transformed.rejected,
      loadedRows: load.loadedRows,
      jobId: load.jobId,
      pollsUntilLoaded: load.polls,
      revenue: transformed.revenue,
    };
  },
);
