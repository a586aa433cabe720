/**
 * The Store contract suite: one set of tests every adapter runs from its own test file, so memory,
 * SQLite and PostgreSQL provably behave alike.
 */
import { afterEach, beforeEach, describe } from "vitest";
import { describeClaimContract } from "./claim-contract.ts";
import { describeCloseContract } from "./close-contract.ts";
import { describeCommitContract } from "./commit-contract.ts";
import { ContractContext, type StoreHarnessFactory } from "./contract-context.ts";
import { describeExecutionContract } from "./execution-contract.ts";
import { describeImportContract } from "./import-contract.ts";
import { describeListExecutionsContract } from "./list-executions-contract.ts";
import { describeOperationContract } from "./operation-contract.ts";
import { describeRaceContract } from "./race-contract.ts";
import { describeRecordContract } from "./record-contract.ts";
import { describeTimerContract } from "./timer-contract.ts";
import { describeWorkerContract } from "./worker-contract.ts";

/** Registers the whole contract for one adapter; each test gets a fresh store from `createHarness`. */
export function describeStoreContract(name: string, createHarness: StoreHarnessFactory): void {
  describe(`Store contract: ${name}`, () => {
    const context = new ContractContext();
    beforeEach(async () => {
      context.harness = await createHarness();
    });
    afterEach(async () => {
      const harness = context.harness;
      context.harness = undefined;
      await harness.cleanup();
    });
    describeExecutionContract(context);
    describeListExecutionsContract(context);
    describeOperationContract(context);
    describeCommitContract(context);
    describeTimerContract(context);
    describeClaimContract(context);
    describeRaceContract(context);
    describeRecordContract(context);
    describeWorkerContract(context);
    describeImportContract(context);
    describeCloseContract(context);
  });
}
