import { expect, test } from "vitest";
import { hashOperationId } from "./operation-id.ts";

test("wire ids are the first 16 hex characters of md5 of the positional id", () => {
  expect(hashOperationId("1")).toBe("c4ca4238a0b92382");
  expect(hashOperationId("2")).toBe("c81e728d9d4c2f63");
  expect(hashOperationId("2-1")).toMatch(/^[0-9a-f]{16}$/);
});
