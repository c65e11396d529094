import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The rotating check-in code shown as a QR on the organiser's screen. A token is
 * `<period>.<mac>`: the 30-second period it was made in and an HMAC-SHA256 of the activity id
 * and that period, keyed by the activity's own secret (which never leaves the server). A token
 * is accepted in its own period and the next, so a code photographed and sent on stops working
 * within a minute, and one made for another activity, or by anyone without the secret, never does.
 */

export const CHECK_IN_PERIOD_MS = 30_000;
/** 128 bits of the MAC: unforgeable, and a short URL makes a QR code that scans easily. */
const MAC_BYTES = 16;

export type TokenCheck = "ok" | "expired" | "invalid";

export function newCheckInSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function periodOf(now: Date): number {
  return Math.floor(now.getTime() / CHECK_IN_PERIOD_MS);
}

function mac(secret: string, activityId: number, period: number): Buffer {
  return createHmac("sha256", secret).update(`check-in:${activityId}:${period}`).digest().subarray(0, MAC_BYTES);
}

/** The token for `now`, and when the code showing it stops being accepted. */
export function checkInToken(secret: string, activityId: number, now: Date): { token: string; expiresAt: Date } {
  const period = periodOf(now);
  return { token: `${period}.${mac(secret, activityId, period).toString("base64url")}`, expiresAt: new Date((period + 2) * CHECK_IN_PERIOD_MS) };
}

/** Whether `token` was made for this activity by the server and is still current. */
export function verifyCheckInToken(secret: string, activityId: number, token: string, now: Date): TokenCheck {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{16,64})$/.exec(token);
  if (!match) return "invalid";
  const period = Number(match[1]);
  const given = Buffer.from(match[2]!, "base64url");
  const expected = mac(secret, activityId, period);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "invalid";
  const current = periodOf(now);
  // A token from the future was not made by this server's clock.
  if (period > current) return "invalid";
  return current - period <= 1 ? "ok" : "expired";
}
