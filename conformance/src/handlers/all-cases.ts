/**
 * Every suite's cases, by requirement id.
 */
import type { SuiteCases } from "./conformance-case.ts";
import { stepCases } from "./step-cases.ts";
import { waitCases } from "./wait-cases.ts";

/** Cases of every suite. */
export const allCases: SuiteCases = { ...stepCases, ...waitCases };
