/**
 * Jest runs the testing library's own scenarios too ("under vitest and under jest alike"): plain ESM
 * JavaScript against the BUILT packages, so no transform is needed. Run through `npm run test:jest`
 * (it builds first and passes --experimental-vm-modules, which Jest needs for ESM).
 */
export default {
  rootDir: import.meta.dirname,
  testMatch: ["<rootDir>/**/*.test.mjs"],
  testEnvironment: "node",
  transform: {},
};
