import { expect, it } from "vitest";
import { createWorkerId, formatWorkerId, parseWorkerId } from "./worker-id.ts";

it("names the host and the pid, with a random suffix that keeps ids unique", () => {
  const first = createWorkerId("build-box", 4242);
  const second = createWorkerId("build-box", 4242);
  expect(first).toMatch(/^build-box\/4242\/[0-9a-f]{8}$/);
  expect(first).not.toBe(second);
});

it("parses its own ids back, even when the host name holds a slash", () => {
  expect(parseWorkerId(formatWorkerId({ hostname: "a/b", pid: 7, nonce: "ff" }))).toEqual({
    hostname: "a/b",
    pid: 7,
    nonce: "ff",
  });
});

it("does not recognise ids made by other kinds of workers", () => {
  expect(parseWorkerId("worker-1")).toBeUndefined();
  expect(parseWorkerId("host/notapid/x")).toBeUndefined();
  expect(parseWorkerId("/1/x")).toBeUndefined();
});
