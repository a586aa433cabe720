import { defineConfig } from "vitest/config";

// One config, projects chosen by file suffix (see STYLE.md "Testing").
const source = { conditions: ["durably-source", "module", "node", "import", "default"] };
const ignored = ["**/node_modules/**", "**/dist/**"];

export default defineConfig({
  resolve: source,
  // Vitest hands the ssr conditions to Node as --conditions flags. Only ours go there: "import"
  // would make require() inside CommonJS dependencies load their ESM builds (pg → pg-pool breaks).
  ssr: {
    resolve: { conditions: ["durably-source", "node"], externalConditions: ["durably-source"] },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "packages/*/src/**/*.test.ts",
            "packages/server/console/src/**/*.test.ts",
            "examples/**/*.test.ts",
            "bench/src/**/*.test.ts",
            "conformance/src/**/*.test.ts",
          ],
          exclude: [...ignored, "**/*.sqlite.test.ts", "**/*.pg.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "sqlite",
          include: ["packages/*/src/**/*.sqlite.test.ts", "examples/**/*.sqlite.test.ts"],
          exclude: ignored,
        },
      },
      {
        extends: true,
        test: { name: "pg", include: ["packages/*/src/**/*.pg.test.ts"], exclude: ignored },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["e2e/**/*.test.ts"],
          exclude: ignored,
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
