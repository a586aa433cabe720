/**
 * Builds the web console (`vite build packages/server/console`): the root is this folder, the output
 * console/dist, which src/console-assets serves. Hashed file names under assets/ let the server cache
 * them for a year.
 */
import { defineConfig } from "vite";

export default defineConfig({
  base: "/",
  // Preact's automatic JSX runtime, without the Babel-based preset: Vite's own transform is enough.
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsDir: "assets",
    target: "es2022",
    sourcemap: true,
  },
});
