// Touches only a fresh directory under the OS temp dir, removed after each test.
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  buildPreview,
  createFileSystemSerdes,
  FileSystemPathEncoding,
  FileSystemSerdesMode,
  PreviewMode,
} from "../index.ts";
import { FakeDurableService } from "../internal/testing/fake-durable-service.ts";
import { durableHandler } from "../internal/testing/test-handler.ts";
import { OVERFLOW_THRESHOLD_BYTES } from "./create-file-system-serdes.ts";

const DURABLY_ARN =
  "arn:durably:lambda:local:000000000000:function:orders:$LATEST/durable-execution/order-42/7c9e6679-7425-40de-944b-e07fc1f90ae7";
const AWS_ARN =
  "arn:aws:lambda:eu-west-1:123456789012:function:payments:3/durable-execution/run-1/b1f2c3d4";

let base: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), "durably-fs-serdes-"));
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

const order = { id: "order-42", total: 99.5, lines: [{ sku: "a", qty: 2 }], note: null };

describe("createFileSystemSerdes", () => {
  test("ALWAYS mode (default) writes the value to a file and stores a pointer", async () => {
    const serdes = createFileSystemSerdes(base);
    const context = { entityId: "2-1", durableExecutionArn: DURABLY_ARN };
    const data = await serdes.serialize(order, context);
    const file = join(
      base,
      "orders",
      "order-42",
      "7c9e6679-7425-40de-944b-e07fc1f90ae7",
      "2-1.json",
    );
    expect(data).toBe(JSON.stringify({ file }));
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual(order);
    expect(await serdes.deserialize(data, context)).toEqual(order);
  });

  test("URI encoding reads function, execution name and invocation id from an official ARN", async () => {
    const serdes = createFileSystemSerdes(base, { pathEncoding: FileSystemPathEncoding.URI });
    const data = await serdes.serialize([1, 2], { entityId: "1", durableExecutionArn: AWS_ARN });
    expect(JSON.parse(data ?? "")).toEqual({
      file: join(base, "payments", "run-1", "b1f2c3d4", "1.json"),
    });
  });

  test("URI encoding accepts an unqualified function ARN", async () => {
    const arn = "arn:aws:lambda:us-east-1:1:function:fn/durable-execution/exec/inv";
    const data = await createFileSystemSerdes(base).serialize("x", {
      entityId: "1",
      durableExecutionArn: arn,
    });
    expect(JSON.parse(data ?? "")).toEqual({ file: join(base, "fn", "exec", "inv", "1.json") });
  });

  test("URI encoding keeps an ARN of another shape as one encoded directory", async () => {
    const serdes = createFileSystemSerdes(base);
    const arn = "local/exec 1";
    const data = await serdes.serialize("v", { entityId: "1-2/3", durableExecutionArn: arn });
    const file = join(base, "local%2Fexec%201", "1-2%2F3.json");
    expect(JSON.parse(data ?? "")).toEqual({ file });
    expect(await readdir(base)).toEqual(["local%2Fexec%201"]);
    expect(await serdes.deserialize(data, { entityId: "1-2/3", durableExecutionArn: arn })).toBe(
      "v",
    );
  });

  test("URI encoding never lets a parsed segment climb out of the base directory", async () => {
    const arn = "arn:aws:lambda:r:1:function:fn:1/durable-execution/../inv";
    const data = await createFileSystemSerdes(base).serialize(1, {
      entityId: "..",
      durableExecutionArn: arn,
    });
    const { file } = JSON.parse(data ?? "") as { file: string };
    expect(file.startsWith(base)).toBe(true);
    expect(await readdir(base)).toEqual([encodeURIComponent(arn)]);
  });

  test("HASH encoding names the directory and file by sha256", async () => {
    const serdes = createFileSystemSerdes(base, { pathEncoding: FileSystemPathEncoding.HASH });
    const context = { entityId: "3-1-2", durableExecutionArn: DURABLY_ARN };
    const data = await serdes.serialize(order, context);
    const file = join(base, sha256(DURABLY_ARN), `${sha256("3-1-2")}.json`);
    expect(data).toBe(JSON.stringify({ file }));
    expect(await serdes.deserialize(data, context)).toEqual(order);
  });

  test("stores the preview beside the file pointer", async () => {
    const serdes = createFileSystemSerdes(base, {
      generatePreview: (value) =>
        buildPreview(value, {
          mode: PreviewMode.EXCLUDE_ALL,
          include: [{ name: "id" }],
          mask: [{ name: "total" }],
        }),
    });
    const context = { entityId: "1", durableExecutionArn: DURABLY_ARN };
    const data = await serdes.serialize(order, context);
    const envelope = JSON.parse(data ?? "") as Record<string, unknown>;
    expect(Object.keys(envelope)).toEqual(["file", "preview"]);
    expect(envelope["preview"]).toEqual({ id: "order-42", total: "***" });
    expect(await serdes.deserialize(data, context)).toEqual(order);
  });

  test("omits the preview when the generator returns undefined", async () => {
    const serdes = createFileSystemSerdes(base, { generatePreview: () => undefined });
    const data = await serdes.serialize(7, { entityId: "1", durableExecutionArn: DURABLY_ARN });
    expect(Object.keys(JSON.parse(data ?? ""))).toEqual(["file"]);
  });

  test("OVERFLOW mode keeps a value that fits inline and writes no file", async () => {
    const serdes = createFileSystemSerdes(base, {
      storageMode: FileSystemSerdesMode.OVERFLOW,
      generatePreview: () => ({ never: "used inline" }),
    });
    const context = { entityId: "1", durableExecutionArn: DURABLY_ARN };
    const data = await serdes.serialize(order, context);
    expect(data).toBe(JSON.stringify({ data: JSON.stringify(order) }));
    expect(await readdir(base)).toEqual([]);
    expect(await serdes.deserialize(data, context)).toEqual(order);
  });

  test("OVERFLOW mode writes a file once the envelope passes 256 KiB less 1 KiB", async () => {
    const serdes = createFileSystemSerdes(base, { storageMode: FileSystemSerdesMode.OVERFLOW });
    const context = { entityId: "4", durableExecutionArn: DURABLY_ARN };
    const envelopeOverhead = JSON.stringify({ data: JSON.stringify("") }).length;
    const fits = "x".repeat(OVERFLOW_THRESHOLD_BYTES - envelopeOverhead);
    const inline = await serdes.serialize(fits, context);
    expect(inline?.length).toBe(OVERFLOW_THRESHOLD_BYTES);
    expect(JSON.parse(inline ?? "")).toHaveProperty("data");
    expect(await readdir(base)).toEqual([]);

    const tooBig = `${fits}x`;
    const data = await serdes.serialize(tooBig, context);
    expect(JSON.parse(data ?? "")).toEqual({
      file: join(base, "orders", "order-42", "7c9e6679-7425-40de-944b-e07fc1f90ae7", "4.json"),
    });
    expect(await serdes.deserialize(data, context)).toBe(tooBig);
  });

  test("OVERFLOW mode counts UTF-8 bytes, not characters", async () => {
    const serdes = createFileSystemSerdes(base, { storageMode: FileSystemSerdesMode.OVERFLOW });
    const context = { entityId: "5", durableExecutionArn: DURABLY_ARN };
    // 3 bytes per character: about a third of the threshold in characters already overflows.
    const data = await serdes.serialize("€".repeat(OVERFLOW_THRESHOLD_BYTES / 3), context);
    expect(JSON.parse(data ?? "")).toHaveProperty("file");
  });

  test("undefined stays undefined in both directions and writes nothing", async () => {
    const context = { entityId: "1", durableExecutionArn: DURABLY_ARN };
    for (const storageMode of [FileSystemSerdesMode.ALWAYS, FileSystemSerdesMode.OVERFLOW]) {
      const serdes = createFileSystemSerdes(base, { storageMode });
      expect(await serdes.serialize(undefined, context)).toBeUndefined();
      expect(await serdes.deserialize(undefined, context)).toBeUndefined();
    }
    expect(await readdir(base)).toEqual([]);
  });

  test("round-trips JSON values of every kind", async () => {
    const serdes = createFileSystemSerdes(base);
    const values = [null, 0, "", "text", false, [], {}, { nested: { deep: [1, "2", null] } }];
    for (const [i, value] of values.entries()) {
      const context = { entityId: `${i + 1}`, durableExecutionArn: AWS_ARN };
      expect(await serdes.deserialize(await serdes.serialize(value, context), context)).toEqual(
        value,
      );
    }
  });

  test("a later write for the same operation replaces the file", async () => {
    const serdes = createFileSystemSerdes(base);
    const context = { entityId: "1", durableExecutionArn: DURABLY_ARN };
    await serdes.serialize({ attempt: 1 }, context);
    const data = await serdes.serialize({ attempt: 2 }, context);
    expect(await serdes.deserialize(data, context)).toEqual({ attempt: 2 });
  });

  test("reads a file envelope written elsewhere by its recorded path", async () => {
    const file = join(base, "external.json");
    await writeFile(file, '{"from":"disk"}');
    const serdes = createFileSystemSerdes(join(base, "unused"));
    const context = { entityId: "1", durableExecutionArn: DURABLY_ARN };
    expect(await serdes.deserialize(JSON.stringify({ file }), context)).toEqual({ from: "disk" });
  });

  test("rejects stored data that is not one of its envelopes", async () => {
    const serdes = createFileSystemSerdes(base);
    const context = { entityId: "1", durableExecutionArn: DURABLY_ARN };
    await expect(serdes.deserialize('{"id":1}', context)).rejects.toThrow(
      /not a \{"file":…\} or \{"data":…\} envelope/,
    );
    await expect(serdes.deserialize("42", context)).rejects.toThrow(/envelope/);
    await expect(serdes.deserialize("not json", context)).rejects.toThrow(SyntaxError);
  });

  test("rejects when the recorded file is gone", async () => {
    const serdes = createFileSystemSerdes(base);
    const context = { entityId: "1", durableExecutionArn: DURABLY_ARN };
    const data = await serdes.serialize({ a: 1 }, context);
    await rm(join(base, "orders"), { recursive: true });
    await expect(serdes.deserialize(data, context)).rejects.toThrow(/ENOENT/);
  });

  test("a durable step checkpoints the envelope and replay reads the value back from the file", async () => {
    const service = new FakeDurableService();
    let bodyRuns = 0;
    const handler = durableHandler(async (_event, ctx) => {
      ctx.configureSerdes({ defaultSerdes: createFileSystemSerdes(base) });
      const loaded = await ctx.step("load", async () => {
        bodyRuns++;
        return order;
      });
      await ctx.wait({ seconds: 1 });
      return loaded;
    });
    const { output, invocations } = await service.run(handler);
    expect(invocations.map((invocation) => invocation.Status)).toEqual(["PENDING", "SUCCEEDED"]);
    expect(bodyRuns).toBe(1);
    expect(output).toEqual({ Status: "SUCCEEDED", Result: JSON.stringify(order) });
    const file = join(base, "test-function", "exec-1", "1", "1.json");
    const succeed = service.updates.find((update) => update.Action === "SUCCEED");
    expect(succeed?.Payload).toBe(JSON.stringify({ file }));
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual(order);
  });
});
