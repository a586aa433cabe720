/**
 * Every suite's cases, by requirement id.
 */
import type { SuiteCases } from "./conformance-case.ts";
import { callbackCases } from "./callback-cases.ts";
import { waitForCallbackCases } from "./wait-for-callback-cases.ts";
import { waitForConditionCases } from "./wait-for-condition-cases.ts";
import { childCases } from "./child-cases.ts";
import { invokeCases } from "./invoke-cases.ts";
import { mapCases } from "./map-cases.ts";
import { parallelCases } from "./parallel-cases.ts";
import { pluginCases } from "./plugin-cases.ts";
import { stepCases } from "./step-cases.ts";
import { waitCases } from "./wait-cases.ts";

/** Cases of every suite. */
export const allCases: SuiteCases = {
  ...stepCases,
  ...waitCases,
  ...mapCases,
  ...parallelCases,
  ...childCases,
  ...invokeCases,
  ...callbackCases,
  ...waitForCallbackCases,
  ...waitForConditionCases,
  ...pluginCases,
};
