/**
 * Batch processing: import 10,000 records in batches of 500, four batches at a time.
 *
 * `map` with `itemBatcher` hands the function consecutive slices of the input, each slice in a
 * child context of its own, and `maxConcurrency` bounds how many slices are in flight (and so the
 * load on the target system). Each batch is one durable step: once its result is checkpointed, a
 * crash or a redeploy never imports those records again; a batch cut off mid-way is the only
 * thing that runs twice, which is why the sink writes are idempotent (upserts keyed by record
 * number). The journal holds 20 batch entries rather than 10,000 item entries.
 *
 * Run it:
 *   durably run examples/batch-processing/batch-processing.ts --input '{"importId":"imp-2025-01-06"}'
 *   durably run examples/batch-processing/batch-processing.ts --input '{"importId":"imp-small","recordCount":1200,"batchSize":100,"maxConcurrency":2}'
 */
import { withDurableExecution } from "@durably/sdk";
import type { DurableContext } from "@durably/sdk";

/** What to import. */
export interface ImportRequest {
  importId: string;
  /** Records in the source (default 10,000). */
  recordCount?: number;
  /** Records per batch (default 500). */
  batchSize?: number;
  /** Batches in flight at once (default 4). */
  maxConcurrency?: number;
}

/** What happened to one record. */
export type RecordOutcome = "imported" | "skipped";

/** The import report. */
export interface ImportReport {
  importId: string;
  records: number;
  batches: number;
  imported: number;
  skipped: number;
  /** Up to ten record numbers that were skipped, for a human to look at. */
  skippedSample: number[];
}

/** A record of the source. */
interface SourceRecord {
  recordNumber: number;
  customer: string;
  amountCents: number;
}

// Stand-ins for the source (a table or a file) and the destination.
const source = {
  count: async (request: ImportRequest) => request.recordCount ?? 10_000,
  read: async (recordNumbers: number[]): Promise<SourceRecord[]> =>
    recordNumbers.map((recordNumber) => ({
      recordNumber,
      customer: `cus-${recordNumber % 250}`,
      // Every 997th record is broken: a negative amount.
      amountCents: recordNumber % 997 === 0 ? -1 : (recordNumber * 37) % 10_000,
    })),
};
const sink = {
  /** Upserts by record number, so writing a batch twice does no harm. */
  upsert: async (records: SourceRecord[]) => records.length,
};

/** Imports every record of the source, in batches. */
export const handler = withDurableExecution(
  async (request: ImportRequest, context: DurableContext): Promise<ImportReport> => {
    // How many records there are is recorded: a replay must split the input exactly as before.
    const recordCount = await context.step("count-records", () => source.count(request));
    const recordNumbers = Array.from({ length: recordCount }, (_, index) => index + 1);

    const result = await context.map(
      "import-records",
      recordNumbers,
      // One call per batch of consecutive record numbers, in its own child context.
      async (batchContext, batch) =>
        batchContext.step("import-batch", async (): Promise<RecordOutcome[]> => {
          const records = await source.read(batch.items);
          const valid = records.filter((record) => record.amountCents >= 0);
          await sink.upsert(valid);
          return records.map((record) => (record.amountCents >= 0 ? "imported" : "skipped"));
        }),
      {
        itemBatcher: { maxItemsPerBatch: request.batchSize ?? 500 },
        maxConcurrency: request.maxConcurrency ?? 4,
      },
    );
    // A batch that failed after its retries fails the import; skipped records do not.
    result.throwIfError();

    const skipped = result.all
      .filter((item) => item.result === "skipped")
      .map((item) => recordNumbers[item.index] ?? -1);
    return {
      importId: request.importId,
      records: recordCount,
      batches: Math.ceil(recordCount / (request.batchSize ?? 500)),
      imported: result.successCount - skipped.length,
      skipped: skipped.length,
      skippedSample: skipped.slice(0, 10),
    };
  },
);
