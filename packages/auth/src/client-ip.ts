/**
 * The client's address for the sign-in throttle. The production server (apps/web/scripts/
 * web-server.mjs) overwrites X-Forwarded-For with the one address it trusts, so the first
 * entry is it; anything else there was never checked.
 */
export function clientIp(forwardedFor: string | null): string {
  return forwardedFor?.split(",")[0]?.trim() || "unknown";
}
