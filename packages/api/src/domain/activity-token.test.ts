import { describe, expect, it } from "vitest";
import { CHECK_IN_PERIOD_MS, checkInToken, newCheckInSecret, verifyCheckInToken } from "./activity-token";

const secret = newCheckInSecret();
const t0 = new Date("2026-05-10T01:00:05Z");
const later = (ms: number) => new Date(t0.getTime() + ms);

describe("the rotating check-in token", () => {
  const { token, expiresAt } = checkInToken(secret, 42, t0);

  it("is accepted for its own activity in its period and the next", () => {
    expect(verifyCheckInToken(secret, 42, token, t0)).toBe("ok");
    expect(verifyCheckInToken(secret, 42, token, later(CHECK_IN_PERIOD_MS))).toBe("ok");
    expect(expiresAt.getTime()).toBeGreaterThan(later(CHECK_IN_PERIOD_MS).getTime());
    expect(expiresAt.getTime()).toBeLessThanOrEqual(later(2 * CHECK_IN_PERIOD_MS).getTime());
  });

  it("expires after that", () => {
    expect(verifyCheckInToken(secret, 42, token, later(2 * CHECK_IN_PERIOD_MS))).toBe("expired");
    expect(verifyCheckInToken(secret, 42, token, later(60 * 60_000))).toBe("expired");
  });

  it("is refused for another activity, even one with the same secret", () => {
    expect(verifyCheckInToken(secret, 43, token, t0)).toBe("invalid");
    expect(verifyCheckInToken(newCheckInSecret(), 42, token, t0)).toBe("invalid");
  });

  it("cannot be forged: a changed MAC, a moved period, or junk", () => {
    const [period, mac] = token.split(".") as [string, string];
    const flipped = `${period}.${mac[0] === "A" ? "B" : "A"}${mac.slice(1)}`;
    expect(verifyCheckInToken(secret, 42, flipped, t0)).toBe("invalid");
    // Re-dating an old token to the current period breaks its MAC.
    expect(verifyCheckInToken(secret, 42, `${Number(period) + 1}.${mac}`, later(CHECK_IN_PERIOD_MS))).toBe("invalid");
    for (const junk of ["", "abc", `${period}.`, `${period}.${mac}.x`, `-1.${mac}`, `${period}.${"A".repeat(200)}`]) {
      expect(verifyCheckInToken(secret, 42, junk, t0)).toBe("invalid");
    }
  });

  it("is refused when dated in the future", () => {
    const future = checkInToken(secret, 42, later(5 * CHECK_IN_PERIOD_MS)).token;
    expect(verifyCheckInToken(secret, 42, future, t0)).toBe("invalid");
  });

  it("changes every period and never reveals the secret", () => {
    const next = checkInToken(secret, 42, later(CHECK_IN_PERIOD_MS)).token;
    expect(next).not.toBe(token);
    expect(token).not.toContain(secret);
    expect(token.length).toBeLessThan(50);
  });
});
