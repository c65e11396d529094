/**
 * Sign-in throttle: 5 failed attempts for one account, or from one IP, within 15 minutes lock
 * further attempts for 15 minutes. Pure: the caller loads the recent attempts.
 */
export interface ThrottleRules {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const THROTTLE: ThrottleRules = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};

/** How far back the caller must load attempts for `lockedUntil` to see every relevant one. */
export const THROTTLE_LOOKBACK_MS = THROTTLE.windowMs + THROTTLE.lockMs;

/**
 * `failures` are the failure times (any order) since the last success of this key. Returns the
 * end of the lock in force at `now`, or null.
 */
export function lockedUntil(failures: readonly Date[], now: Date, rules: ThrottleRules = THROTTLE): Date | null {
  const times = failures.map((d) => d.getTime()).sort((a, b) => a - b);
  let lockEnd: number | null = null;
  let window: number[] = [];
  for (const t of times) {
    // Attempts during a lock are refused before the password is checked, so they never count.
    if (lockEnd !== null && t < lockEnd) continue;
    window = window.filter((w) => t - w < rules.windowMs);
    window.push(t);
    if (window.length >= rules.maxFailures) {
      lockEnd = t + rules.lockMs;
      window = [];
    }
  }
  return lockEnd !== null && now.getTime() < lockEnd ? new Date(lockEnd) : null;
}

/** Whole minutes until `until`, at least 1: what the user is told to wait. */
export function minutesUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}
