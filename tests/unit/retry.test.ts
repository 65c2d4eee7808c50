import fc from "fast-check";
import { backoffDelayMs, isTransient, mayRetry, retryPolicyFromEnv, withRetry } from "../../provider/livekit/retry";

const policy = { baseDelayMs: 100, maxDelayMs: 1000, deadlineMs: 5000, maxAttempts: 4 };

describe("which failures are retried", () => {
  test.each([
    [{ code: "transport" }, true],
    [{ code: "unavailable", status: 503 }, true],
    [{ code: "internal", status: 500 }, true],
    [{ code: "resource_exhausted", status: 429 }, true],
    [{ code: "http_502", status: 502 }, true],
    [{ code: "http_504", status: 504 }, true],
    [{ code: "invalid_argument", status: 400 }, false],
    [{ code: "not_found", status: 404 }, false],
    [{ code: "unauthenticated", status: 401 }, false],
    [{ code: "permission_denied", status: 403 }, false],
    [{ code: "bad_route", status: 404 }, false],
  ])("%p → %p", (failure, transient) => {
    expect(isTransient(failure)).toBe(transient);
  });
});

describe("backoff", () => {
  test("doubles from the base, within half to all of the capped step", () => {
    expect(backoffDelayMs(policy, 1, 0)).toBe(50);
    expect(backoffDelayMs(policy, 1, 0.999)).toBeLessThanOrEqual(100);
    expect(backoffDelayMs(policy, 3, 0)).toBe(200);
  });
  test("never exceeds the cap, never goes below half of it once reached", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 0.9999, noNaN: true }), (attempt, random) => {
        const delay = backoffDelayMs(policy, attempt, random);
        expect(delay).toBeLessThanOrEqual(policy.maxDelayMs);
        expect(delay).toBeGreaterThanOrEqual(Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)) / 2 - 1);
      }),
    );
  });
  test("stops at the attempt limit and before the deadline", () => {
    expect(mayRetry(policy, 3, 0, 100)).toBe(true);
    expect(mayRetry(policy, 4, 0, 100)).toBe(false);
    expect(mayRetry(policy, 1, 4950, 100)).toBe(false);
  });
  test("by default the deadline is the budget: failures that come at once are retried until close to it", () => {
    const defaults = retryPolicyFromEnv({});
    // Shortest waits (random 0) and failures that take no time, as with a refused connection.
    let elapsed = 0;
    let attempts = 1;
    for (let delay = backoffDelayMs(defaults, attempts, 0); mayRetry(defaults, attempts, elapsed, delay); delay = backoffDelayMs(defaults, attempts, 0)) {
      elapsed += delay;
      attempts++;
    }
    expect(elapsed).toBeGreaterThan(defaults.deadlineMs - defaults.maxDelayMs);
    expect(elapsed).toBeLessThan(defaults.deadlineMs);
  });
  test("the environment overrides the defaults", () => {
    expect(retryPolicyFromEnv({ LIVEKIT_SIP_RETRY_ATTEMPTS: "2", LIVEKIT_SIP_RETRY_BASE_MS: "10" })).toMatchObject({ maxAttempts: 2, baseDelayMs: 10 });
    expect(retryPolicyFromEnv({ LIVEKIT_SIP_RETRY_ATTEMPTS: "lots" }).maxAttempts).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("withRetry", () => {
  const fast = { baseDelayMs: 1, maxDelayMs: 2, deadlineMs: 1000, maxAttempts: Number.POSITIVE_INFINITY };

  test("tries again until the attempt succeeds, saying so before each wait", async () => {
    let calls = 0;
    const retries: number[] = [];
    const result = await withRetry(fast, async () => (++calls < 3 ? Promise.reject(new Error("flaky")) : "done"), {
      afterFailure: () => ({ retry: true }),
      giveUp: (error) => error,
      onRetry: (attempt) => retries.push(attempt),
    });
    expect([result, calls, retries]).toEqual(["done", 3, [1, 2]]);
  });

  test("a failure can end it with a result (a lost create found on the server) or an error", async () => {
    const found = await withRetry(fast, () => Promise.reject(new Error("lost")), { afterFailure: () => ({ result: "recovered" }), giveUp: (e) => e });
    expect(found).toBe("recovered");
    await expect(withRetry(fast, () => Promise.reject(new Error("lost")), { afterFailure: () => ({ error: new Error("final") }), giveUp: (e) => e })).rejects.toThrow("final");
  });

  test("gives up with giveUp's error once the deadline leaves no room, after several attempts", async () => {
    let calls = 0;
    const policy = { ...fast, baseDelayMs: 20, maxDelayMs: 40, deadlineMs: 200 };
    const failing = withRetry(policy, () => (calls++, Promise.reject(new Error("down"))), {
      afterFailure: () => ({ retry: true }),
      giveUp: (_error, attempts) => new Error(`gave up after ${attempts}`),
    });
    await expect(failing).rejects.toThrow(/^gave up after \d+$/);
    expect(calls).toBeGreaterThan(3);
  });

  test("a loop that retried says once how it ended, with when its last attempt may start; one that did not retry says nothing", async () => {
    const settled: boolean[] = [];
    const untils: number[] = [];
    const before = Date.now();
    let calls = 0;
    await withRetry(fast, async () => (++calls < 2 ? Promise.reject(new Error("flaky")) : "done"), {
      afterFailure: () => ({ retry: true }),
      giveUp: (e) => e,
      onRetry: (_attempt, _delay, _error, until) => untils.push(until),
      onSettled: (succeeded) => settled.push(succeeded),
    });
    await withRetry(fast, async () => "at once", { afterFailure: () => ({ retry: true }), giveUp: (e) => e, onSettled: (succeeded) => settled.push(succeeded) });
    const policy = { ...fast, deadlineMs: 30 };
    await expect(withRetry(policy, () => Promise.reject(new Error("down")), { afterFailure: () => ({ retry: true }), giveUp: (e) => e, onSettled: (succeeded) => settled.push(succeeded) })).rejects.toThrow("down");
    expect(settled).toEqual([true, false]);
    expect(untils[0]).toBeGreaterThanOrEqual(before + fast.deadlineMs);
    expect(untils[0]).toBeLessThanOrEqual(Date.now() + fast.deadlineMs);
  });
});
