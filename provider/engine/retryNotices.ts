import { AsyncLocalStorage } from "node:async_hooks";
import type { SipApiOptions } from "../livekit/client";
import type { Reporter } from "./report";

/*
 * What a person reads while LiveKit is briefly away (a restart, a 503 burst): one line when a
 * call of a resource starts retrying, naming the resource and until when it will try, again only
 * if it is still failing a while later, and once every call in retry has ended, one line saying
 * LiveKit answered again, how many requests recovered and after how long. Lines about a retry
 * in progress are ephemeral (shown while the run goes on, not in its closing summary); the first
 * recovery line is not, so the run's summary ends with one; a later one (the server faltered
 * again) is ephemeral and counts every recovery so far. A call that gives up says so in its own error.
 */

/** A call still failing is said again after this long. */
export const REPEAT_AFTER_MS = 15_000;

/** The resource the current provider call is about, e.g. `trunk "Main line"` or `dispatch rule SDR_x`. */
const subjects = new AsyncLocalStorage<string>();

/** Runs `work` as being about `subject`, for the retry lines it may cause. */
export function about<T>(subject: string, work: () => Promise<T>): Promise<T> {
  return subjects.run(subject, work);
}

interface Retrying {
  since: number;
  said: number;
}

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/** The retry lines of one provider process. */
export class RetryNotices {
  private readonly inRetry = new Map<string, Retrying>();
  /** Of the calls that recovered since LiveKit last answered everything: how many, and the longest wait. */
  private recovered = { calls: 0, subjects: new Set<string>(), longestMs: 0 };
  /** Whether the recovery line was said (in the run's summary) already. */
  private recoverySaid = false;

  constructor(
    private readonly report: Reporter,
    private readonly now: () => number = Date.now,
  ) {}

  private key(what: string): { subject: string; key: string } {
    const subject = subjects.getStore() ?? "the provider";
    return { subject, key: `${subject}\u0000${what}` };
  }

  /** A call (`what`: an RPC, a create) failed with `cause` and will be tried again, at the latest until `until` (ms). */
  retrying(what: string, cause: string, until: number): void {
    const { subject, key } = this.key(what);
    const now = this.now();
    const known = this.inRetry.get(key);
    if (!known) {
      this.inRetry.set(key, { since: now, said: now });
      this.report(`${subject}: ${what} failed (${cause}); retrying until ${clock(until)} UTC`, { ephemeral: true });
    } else if (now - known.said >= REPEAT_AFTER_MS) {
      known.said = now;
      this.report(`${subject}: ${what} still failing (${cause}) after ${Math.round((now - known.since) / 1000)} s; retrying until ${clock(until)} UTC`, { ephemeral: true });
    }
  }

  /** A call that may have retried has ended; a success after retries counts toward the recovery line. */
  settled(what: string, succeeded: boolean): void {
    const { subject, key } = this.key(what);
    const known = this.inRetry.get(key);
    if (!known) return;
    this.inRetry.delete(key);
    if (succeeded) {
      this.recovered.calls++;
      this.recovered.subjects.add(subject);
      this.recovered.longestMs = Math.max(this.recovered.longestMs, this.now() - known.since);
    }
    if (this.inRetry.size === 0 && succeeded) {
      const { calls, subjects: about, longestMs } = this.recovered;
      this.report(`LiveKit answered again: ${calls} request(s) for ${about.size} resource(s) succeeded on retry, the longest after ${(longestMs / 1000).toFixed(1)} s`, { ephemeral: this.recoverySaid });
      this.recoverySaid = true;
    }
  }
}

const byReporter = new WeakMap<Reporter, RetryNotices>();

/** The API client's retry hooks that tell `notices` (give them to `new SipApi`). */
export function retryHooks(notices: RetryNotices): Pick<SipApiOptions, "onRetry" | "onSettled"> {
  return {
    onRetry: (method, _attempt, error, until) => notices.retrying(method, `${error.code}${error.status ? `, HTTP ${error.status}` : ""}`, until),
    onSettled: (method, succeeded) => notices.settled(method, succeeded),
  };
}

/** The process's retry lines for a reporter: every resource type of a host shares them, so one recovery line covers all. */
export function retryNoticesFor(report: Reporter): RetryNotices {
  let notices = byReporter.get(report);
  if (!notices) byReporter.set(report, (notices = new RetryNotices(report)));
  return notices;
}
