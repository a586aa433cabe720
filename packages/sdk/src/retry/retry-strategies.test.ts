import { describe, expect, test } from "vitest";
import {
  createLinearRetryStrategy,
  createRetryStrategy,
  createWaitStrategy,
  JitterStrategy,
  retryPresets,
} from "../index.ts";
import { buildLinearRetryStrategy } from "./create-linear-retry-strategy.ts";
import { buildExponentialRetryStrategy } from "./create-retry-strategy.ts";
import { buildWaitStrategy } from "./create-wait-strategy.ts";

const error = new Error("boom");
const fixed = (value: number) => () => value;
const delays = (
  strategy: (e: Error, n: number) => { shouldRetry: boolean; delay?: unknown },
  attempts: number,
) => Array.from({ length: attempts }, (_unused, i) => strategy(error, i + 1));

describe("createRetryStrategy", () => {
  test("defaults: 3 attempts, 5 s doubling, full jitter", () => {
    const strategy = buildExponentialRetryStrategy({}, fixed(1));
    expect(delays(strategy, 3)).toEqual([
      { shouldRetry: true, delay: { seconds: 5 } },
      { shouldRetry: true, delay: { seconds: 10 } },
      { shouldRetry: false },
    ]);
    expect(buildExponentialRetryStrategy({}, fixed(0.5))(error, 2)).toEqual({
      shouldRetry: true,
      delay: { seconds: 5 },
    });
    expect(createRetryStrategy()(error, 3)).toEqual({ shouldRetry: false });
  });

  test("caps at maxDelay (default 5 minutes)", () => {
    const strategy = buildExponentialRetryStrategy(
      { maxAttempts: 20, jitter: JitterStrategy.NONE },
      fixed(0),
    );
    expect(strategy(error, 10)).toEqual({ shouldRetry: true, delay: { seconds: 300 } });
    const capped = buildExponentialRetryStrategy(
      { maxAttempts: 20, maxDelay: { seconds: 7 }, jitter: JitterStrategy.NONE },
      fixed(0),
    );
    expect(capped(error, 5)).toEqual({ shouldRetry: true, delay: { seconds: 7 } });
  });

  test("rounds to whole seconds, at least 1", () => {
    const full = buildExponentialRetryStrategy({ initialDelay: { seconds: 5 } }, fixed(0));
    expect(full(error, 1)).toEqual({ shouldRetry: true, delay: { seconds: 1 } });
    const half = buildExponentialRetryStrategy(
      { initialDelay: { seconds: 5 }, jitter: JitterStrategy.HALF },
      fixed(0.3),
    );
    expect(half(error, 1)).toEqual({ shouldRetry: true, delay: { seconds: 3 } }); // 2.5 + 0.75 = 3.25
    const none = buildExponentialRetryStrategy(
      { initialDelay: { seconds: 1.4 }, jitter: JitterStrategy.NONE },
      fixed(0),
    );
    expect(none(error, 1)).toEqual({ shouldRetry: true, delay: { seconds: 1 } });
    const tiny = buildExponentialRetryStrategy(
      { initialDelay: { seconds: 0.2 }, jitter: JitterStrategy.NONE },
      fixed(0),
    );
    expect(tiny(error, 1)).toEqual({ shouldRetry: true, delay: { seconds: 1 } });
  });

  test("uses backoffRate and composite durations", () => {
    const strategy = buildExponentialRetryStrategy(
      {
        maxAttempts: 5,
        initialDelay: { minutes: 1 },
        backoffRate: 3,
        maxDelay: { hours: 1 },
        jitter: JitterStrategy.NONE,
      },
      fixed(0),
    );
    expect(delays(strategy, 4).map((d) => d.delay)).toEqual([
      { seconds: 60 },
      { seconds: 180 },
      { seconds: 540 },
      { seconds: 1620 },
    ]);
  });

  test("filters by message pattern OR error class; no filter retries everything", () => {
    class Transient extends Error {}
    const byMessage = createRetryStrategy({ retryableErrors: ["timeout", /^HTTP 5\d\d/] });
    expect(byMessage(new Error("socket timeout"), 1).shouldRetry).toBe(true);
    expect(byMessage(new Error("HTTP 503"), 1).shouldRetry).toBe(true);
    expect(byMessage(new Error("HTTP 404"), 1).shouldRetry).toBe(false);
    const byType = createRetryStrategy({ retryableErrorTypes: [Transient] });
    expect(byType(new Transient("x"), 1).shouldRetry).toBe(true);
    expect(byType(new Error("x"), 1).shouldRetry).toBe(false);
    const both = createRetryStrategy({
      retryableErrors: ["net"],
      retryableErrorTypes: [Transient],
    });
    expect(both(new Error("net down"), 1).shouldRetry).toBe(true);
    expect(both(new Transient("other"), 1).shouldRetry).toBe(true);
    expect(createRetryStrategy()(new TypeError("anything"), 1).shouldRetry).toBe(true);
  });

  test("checks attempts before the filter", () => {
    expect(
      createRetryStrategy({ maxAttempts: 1, retryableErrors: ["x"] })(new Error("x"), 1),
    ).toEqual({ shouldRetry: false });
  });
});

describe("createLinearRetryStrategy", () => {
  test("defaults: 6 attempts, 1 s plus 1 s per attempt", () => {
    const strategy = buildLinearRetryStrategy({ jitter: JitterStrategy.NONE }, fixed(0));
    expect(delays(strategy, 6)).toEqual([
      { shouldRetry: true, delay: { seconds: 1 } },
      { shouldRetry: true, delay: { seconds: 2 } },
      { shouldRetry: true, delay: { seconds: 3 } },
      { shouldRetry: true, delay: { seconds: 4 } },
      { shouldRetry: true, delay: { seconds: 5 } },
      { shouldRetry: false },
    ]);
    expect(buildLinearRetryStrategy({ maxDelay: { seconds: 2 } }, fixed(1))(error, 5)).toEqual({
      shouldRetry: true,
      delay: { seconds: 2 },
    });
    expect(createLinearRetryStrategy()(error, 6)).toEqual({ shouldRetry: false });
  });
});

describe("retryPresets", () => {
  test("linear: 1..5 s without jitter, then stop", () => {
    expect(delays(retryPresets.linear, 6).map((d) => d.delay)).toEqual([
      { seconds: 1 },
      { seconds: 2 },
      { seconds: 3 },
      { seconds: 4 },
      { seconds: 5 },
      undefined,
    ]);
  });

  test("default: 6 attempts with delays within the 60 s cap", () => {
    const decisions = delays(retryPresets.default, 6);
    expect(decisions.map((d) => d.shouldRetry)).toEqual([true, true, true, true, true, false]);
    for (const decision of decisions.slice(0, 5)) {
      const seconds = (decision.delay as { seconds: number }).seconds;
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThanOrEqual(60);
    }
  });

  test("noRetry never retries", () => {
    expect(retryPresets.noRetry(error, 1)).toEqual({ shouldRetry: false });
  });
});

describe("createWaitStrategy", () => {
  test("stops when polling should not continue", () => {
    const strategy = createWaitStrategy<number>({ shouldContinuePolling: (n) => n < 3 });
    expect(strategy(3, 1)).toEqual({ shouldContinue: false });
  });

  test("defaults: 5 s ×1.5 capped at 300 s, full jitter", () => {
    const strategy = buildWaitStrategy<number>({ shouldContinuePolling: () => true }, fixed(1));
    expect([1, 2, 3].map((attempt) => strategy(0, attempt))).toEqual([
      { shouldContinue: true, delay: { seconds: 5 } },
      { shouldContinue: true, delay: { seconds: 8 } },
      { shouldContinue: true, delay: { seconds: 11 } },
    ]);
    expect(strategy(0, 30)).toEqual({ shouldContinue: true, delay: { seconds: 300 } });
  });

  test("throws once the maximum attempts are used", () => {
    const strategy = createWaitStrategy<number>({
      shouldContinuePolling: () => true,
      maxAttempts: 3,
    });
    expect(() => strategy(0, 3)).toThrow("waitForCondition exceeded maximum attempts (3)");
    expect(() => createWaitStrategy<number>({ shouldContinuePolling: () => true })(0, 60)).toThrow(
      "waitForCondition exceeded maximum attempts (60)",
    );
  });
});
