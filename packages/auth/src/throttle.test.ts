import { describe, expect, it } from "vitest";
import { lockedUntil, minutesUntil, THROTTLE, THROTTLE_LOOKBACK_MS } from "./throttle";

const T0 = Date.parse("2026-03-02T09:00:00.000Z");
/** A time `min` minutes (and `sec` seconds) after T0. */
const at = (min: number, sec = 0) => new Date(T0 + min * 60_000 + sec * 1000);

describe("THROTTLE", () => {
  it("locks after 5 failures in 15 minutes for 15 minutes", () => {
    expect(THROTTLE).toEqual({ maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 });
    expect(THROTTLE_LOOKBACK_MS).toBe(30 * 60_000);
  });
});

describe("lockedUntil", () => {
  it("does not lock without failures", () => {
    expect(lockedUntil([], at(0))).toBeNull();
  });

  it("does not lock after 4 failures", () => {
    expect(lockedUntil([at(0), at(1), at(2), at(3)], at(3, 30))).toBeNull();
  });

  it("locks after 5 failures within 15 minutes, until the 5th + 15 minutes", () => {
    const failures = [at(0), at(1), at(2), at(3), at(4)];
    expect(lockedUntil(failures, at(4))).toEqual(at(19));
    expect(lockedUntil(failures, at(10))).toEqual(at(19));
  });

  it("locks when 5 failures happen in the same instant", () => {
    const failures = Array.from({ length: 5 }, () => at(0));
    expect(lockedUntil(failures, at(0))).toEqual(at(15));
  });

  it("locks when the 5 failures span just under 15 minutes", () => {
    const failures = [at(0), at(5), at(10), at(14), at(14, 59)];
    expect(lockedUntil(failures, at(15))).toEqual(at(29, 59));
  });

  it("does not lock when the 5 failures are spread over more than 15 minutes", () => {
    const failures = [at(0), at(4), at(8), at(12), at(16)];
    expect(lockedUntil(failures, at(16))).toBeNull();
  });

  it("does not depend on the order of the failures", () => {
    const failures = [at(4), at(0), at(3), at(1), at(2)];
    expect(lockedUntil(failures, at(5))).toEqual(at(19));
  });

  it("ends the lock after 15 minutes", () => {
    const failures = [at(0), at(1), at(2), at(3), at(4)];
    expect(lockedUntil(failures, at(18, 59))).toEqual(at(19));
    expect(lockedUntil(failures, at(19))).toBeNull();
    expect(lockedUntil(failures, at(25))).toBeNull();
  });

  it("does not extend the lock for failures during it", () => {
    const failures = [at(0), at(1), at(2), at(3), at(4), at(10), at(11), at(12), at(13), at(14)];
    expect(lockedUntil(failures, at(15))).toEqual(at(19));
    expect(lockedUntil(failures, at(19))).toBeNull();
  });

  it("counts failures after a lock afresh", () => {
    const firstLock = [at(0), at(1), at(2), at(3), at(4)];
    expect(lockedUntil([...firstLock, at(19), at(20), at(21), at(22)], at(23))).toBeNull();
    expect(lockedUntil([...firstLock, at(19), at(20), at(21), at(22), at(23)], at(24))).toEqual(at(38));
  });

  it("follows custom rules", () => {
    const rules = { maxFailures: 3, windowMs: 60_000, lockMs: 120_000 };
    expect(lockedUntil([at(0, 0), at(0, 20), at(0, 40)], at(1), rules)).toEqual(at(2, 40));
    expect(lockedUntil([at(0, 0), at(0, 40), at(1, 10)], at(1, 20), rules)).toBeNull();
  });
});

describe("minutesUntil", () => {
  it("rounds up to whole minutes", () => {
    expect(minutesUntil(at(15), at(0))).toBe(15);
    expect(minutesUntil(at(15), at(0, 1))).toBe(15);
    expect(minutesUntil(at(15), at(1))).toBe(14);
    expect(minutesUntil(at(1, 1), at(0))).toBe(2);
  });

  it("is at least 1", () => {
    expect(minutesUntil(at(0, 1), at(0))).toBe(1);
    expect(minutesUntil(at(0), at(0))).toBe(1);
    expect(minutesUntil(at(0), at(5))).toBe(1);
  });
});
