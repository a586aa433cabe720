/**
 * `npm run conformance`: runs every requirement found in the conformance folder (env
 * DURABLY_CONFORMANCE_DIR, default ../shared/conformance beside the repository) and prints one line
 * per requirement and a closing "N passed, M failed" line. Exits non-zero on any failure.
 * Options: a requirement id or suite name as arguments narrows the run (e.g. `1.11 wait`).
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { allCases } from "./handlers/all-cases.ts";
import { loadRequirements } from "./requirements/load-requirements.ts";
import { runRequirement } from "./run-requirement.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dir = process.env["DURABLY_CONFORMANCE_DIR"] ?? join(repoRoot, "..", "shared", "conformance");

async function main(): Promise<number> {
  if (!existsSync(dir)) {
    console.error(
      `Conformance requirements not found at ${dir}; set DURABLY_CONFORMANCE_DIR to their folder.`,
    );
    return 2;
  }
  const filters = process.argv.slice(2);
  const requirements = loadRequirements(dir).filter(
    (r) => filters.length === 0 || filters.includes(r.id) || filters.includes(r.suite),
  );
  let passed = 0;
  let failed = 0;
  let notImplemented = 0;
  const started = performance.now();
  for (const requirement of requirements) {
    const label = `${requirement.id.padEnd(6)} ${requirement.suite.padEnd(18)}`;
    const factory = allCases[requirement.id];
    if (!factory) {
      notImplemented++;
      console.log(`${label} NOT_IMPLEMENTED  no handler written for this requirement yet`);
      continue;
    }
    const verdict = await runRequirement(requirement, factory());
    if (verdict.status === "PASSED") {
      passed++;
      console.log(`${label} PASSED`);
    } else {
      failed++;
      console.log(`${label} FAILED  ${verdict.reason}`);
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`\n${notImplemented} not implemented, in ${seconds}s`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
