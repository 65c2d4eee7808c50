/**
 * When to try an API call again, and how long to wait: pure policy, no I/O.
 */

/** Retry limits. */
export interface RetryPolicy {
  /** First wait; doubles per attempt. */
  baseDelayMs: number;
  /** Longest single wait. */
  maxDelayMs: number;
  /** No new attempt starts after this long since the first. */
  deadlineMs: number;
  /** Attempts in all, the first included; unlimited by default, so the deadline is the budget. */
  maxAttempts: number;
}

/** Defaults; environment variables override them for slow links and for tests. */
export function retryPolicyFromEnv(env: Record<string, string | undefined>): RetryPolicy {
  const number = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isFinite(value) && value >= 0 && env[name] !== undefined && env[name] !== "" ? value : fallback;
  };
  return {
    baseDelayMs: number("LIVEKIT_SIP_RETRY_BASE_MS", 250),
    maxDelayMs: number("LIVEKIT_SIP_RETRY_MAX_DELAY_MS", 4000),
    deadlineMs: number("LIVEKIT_SIP_RETRY_DEADLINE_MS", 60_000),
    // No count cap: a server restart of a few seconds must be ridden out, and a count that suits
    // fast failures (refused connections) gives up long before the deadline.
    maxAttempts: number("LIVEKIT_SIP_RETRY_ATTEMPTS", Number.POSITIVE_INFINITY),
  };
}

/** Twirp codes that say "try later"; everything else (invalid_argument, not_found, ...) is final. */
const TRANSIENT_TWIRP_CODES = new Set(["unavailable", "internal", "resource_exhausted", "deadline_exceeded", "aborted", "unknown"]);
const TRANSIENT_HTTP_STATUSES = new Set([429, 502, 503, 504]);

/** Whether a failure may pass if the same call is made again. */
export function isTransient(failure: { code: string; status?: number }): boolean {
  if (failure.code === "transport") return true;
  if (failure.status !== undefined && TRANSIENT_HTTP_STATUSES.has(failure.status)) return true;
  return TRANSIENT_TWIRP_CODES.has(failure.code);
}

/**
 * The wait before attempt `attempt` (1 = the first retry): capped exponential with "equal
 * jitter" (half fixed, half random), so that many provider processes do not retry in step.
 * `random` is in [0, 1).
 */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random: number): number {
  const capped = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(capped / 2 + (capped / 2) * random);
}

/** Whether another attempt may start, given attempts made so far and time since the first. */
export function mayRetry(policy: RetryPolicy, attemptsMade: number, elapsedMs: number, nextDelayMs: number): boolean {
  return attemptsMade < policy.maxAttempts && elapsedMs + nextDelayMs < policy.deadlineMs;
}

/** What to do after a failed attempt: try again (if the policy allows), finish with a result, or fail. */
export type AfterFailure<T> = { retry: true } | { result: T } | { error: unknown };

/** The callbacks of {@link withRetry}. */
export interface RetryHooks<T> {
  /** Decides, from the failure, whether another attempt may help. */
  afterFailure: (error: unknown, attempt: number) => Promise<AfterFailure<T>> | AfterFailure<T>;
  /** The error to throw when the policy allows no further attempt. */
  giveUp: (lastError: unknown, attempts: number, elapsedMs: number) => unknown;
  /** Called before each wait, e.g. to log it; `until` is when the last attempt may start (ms since the epoch). */
  onRetry?: (attempt: number, delayMs: number, error: unknown, until: number) => void;
  /** Called once when a loop that retried ends, in success or not. */
  onSettled?: (succeeded: boolean) => void;
}

/**
 * Runs `attempt` until it succeeds, `afterFailure` ends it, or the policy's deadline (or attempt
 * cap) leaves no room for another try, waiting the jittered backoff between tries. The one retry
 * loop of the provider: plain calls and creates differ only in what they do after a failure.
 */
export async function withRetry<T>(policy: RetryPolicy, attempt: () => Promise<T>, hooks: RetryHooks<T>): Promise<T> {
  const started = Date.now();
  let retried = false;
  let succeeded = false;
  try {
    for (let made = 1; ; made++) {
      try {
        const result = await attempt();
        succeeded = true;
        return result;
      } catch (error) {
        const decision = await hooks.afterFailure(error, made);
        if ("result" in decision) {
          succeeded = true;
          return decision.result;
        }
        if ("error" in decision) throw decision.error;
        const delay = backoffDelayMs(policy, made, Math.random());
        if (!mayRetry(policy, made, Date.now() - started, delay)) throw hooks.giveUp(error, made, Date.now() - started);
        retried = true;
        hooks.onRetry?.(made, delay, error, started + policy.deadlineMs);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  } finally {
    if (retried) hooks.onSettled?.(succeeded);
  }
}
