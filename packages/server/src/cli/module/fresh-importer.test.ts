import { describe, expect, it } from "vitest";
import { localFilePath } from "./fresh-importer.ts";

describe("localFilePath", () => {
  it("keeps the user's files, without the namespace query tsx adds", () => {
    expect(localFilePath("file:///app/src/orders.ts?tsx-namespace=abc")).toBe("/app/src/orders.ts");
  });

  it("leaves out packages and non-file modules, which a user does not edit while developing", () => {
    expect(localFilePath("file:///app/node_modules/@durably/sdk/dist/index.js")).toBeUndefined();
    expect(localFilePath("node:fs")).toBeUndefined();
  });
});
