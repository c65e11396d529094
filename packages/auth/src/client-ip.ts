/**
 * The client's address for the sign-in throttle. The Next.js server appends the socket address
 * to X-Forwarded-For, so the last entry is the one a client cannot forge; each trusted proxy in
 * front adds one more entry, so we step back one per hop.
 */
export function clientIp(forwardedFor: string | null, trustedProxyHops: number): string {
  const hops = (forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return hops[hops.length - 1 - trustedProxyHops] ?? hops[0] ?? "unknown";
}
