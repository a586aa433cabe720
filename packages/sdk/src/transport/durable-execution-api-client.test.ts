import { afterEach, describe, expect, test, vi } from "vitest";

const MODULE = "@aws-sdk/client-lambda";

afterEach(() => {
  vi.doUnmock(MODULE);
  vi.resetModules();
});

/** A stand-in for `@aws-sdk/client-lambda` that records what it is asked to do. */
function fakeLambdaModule() {
  const created: object[] = [];
  const sent: { command: string; input: object }[] = [];
  class Command {
    readonly input: object;
    constructor(input: object) {
      this.input = input;
    }
  }
  return {
    created,
    sent,
    module: {
      CheckpointDurableExecutionCommand: class CheckpointDurableExecutionCommand extends Command {},
      GetDurableExecutionStateCommand: class GetDurableExecutionStateCommand extends Command {},
      LambdaClient: class {
        constructor(config: object) {
          created.push(config);
        }
        async send(command: Command) {
          sent.push({ command: command.constructor.name, input: command.input });
          return { CheckpointToken: "next", NewExecutionState: { Operations: [] } };
        }
      },
    },
  };
}

type LambdaModule = ReturnType<typeof fakeLambdaModule>["module"];

async function loadClient() {
  return (await import("./durable-execution-api-client.ts")).DurableExecutionApiClient;
}

const request = { DurableExecutionArn: "arn", CheckpointToken: "t", Updates: [] };

describe("DurableExecutionApiClient", () => {
  test("loads the Lambda client module only when it is first used", async () => {
    const factory = vi.fn<() => LambdaModule>(() => fakeLambdaModule().module);
    vi.doMock(MODULE, factory);
    const Client = await loadClient();
    const client = new Client();
    expect(factory).not.toHaveBeenCalled();
    await client.checkpoint(request);
    expect(factory).toHaveBeenCalledTimes(1);
    expect(client).toBeDefined();
  });

  test("sends checkpoint and state requests through a LambdaClient it creates with timeouts", async () => {
    const fake = fakeLambdaModule();
    vi.doMock(MODULE, () => fake.module);
    const client = new (await loadClient())();
    expect(await client.checkpoint(request)).toEqual({
      CheckpointToken: "next",
      NewExecutionState: { Operations: [] },
    });
    await client.getExecutionState({
      DurableExecutionArn: "arn",
      CheckpointToken: "t",
      Marker: "m",
      MaxItems: 1000,
    });
    expect(fake.created).toEqual([
      { requestHandler: { connectionTimeout: 5_000, requestTimeout: 55_000 } },
    ]);
    expect(fake.sent).toEqual([
      { command: "CheckpointDurableExecutionCommand", input: request },
      {
        command: "GetDurableExecutionStateCommand",
        input: { DurableExecutionArn: "arn", CheckpointToken: "t", Marker: "m", MaxItems: 1000 },
      },
    ]);
  });

  test("uses the LambdaClient it is given", async () => {
    const fake = fakeLambdaModule();
    vi.doMock(MODULE, () => fake.module);
    const send = vi.fn<() => Promise<object>>(async () => ({ CheckpointToken: "given" }));
    const client = new (await loadClient())({ send });
    expect(await client.checkpoint(request)).toEqual({ CheckpointToken: "given" });
    expect(send).toHaveBeenCalledTimes(1);
    expect(fake.created).toEqual([]);
  });

  test("explains what to do when @aws-sdk/client-lambda is not installed", async () => {
    vi.doMock(MODULE, () => {
      throw new Error(`Cannot find package '${MODULE}'`);
    });
    const { isDurableExecutionClientError } =
      await import("../errors/durable-execution-client-error.ts");
    const client = new (await loadClient())();
    const failure = await client.checkpoint(request).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isDurableExecutionClientError(failure)).toBe(true);
    expect((failure as Error).message).toMatch(
      /Cannot load @aws-sdk\/client-lambda: install it, or pass durableExecutionClient/,
    );
    expect((failure as Error).cause).toBeInstanceOf(Error);
  });
});
