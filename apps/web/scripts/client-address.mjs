/**
 * The client's address as this server can trust it: the socket's peer, or, behind
 * `trustedProxyHops` reverse proxies, the entry those proxies appended to X-Forwarded-For.
 * Entries further left were written by the client and are ignored.
 *
 * @param {string | string[] | undefined} forwardedFor
 * @param {string | undefined} remoteAddress
 * @param {number} trustedProxyHops
 * @returns {string}
 */
export function clientAddress(forwardedFor, remoteAddress, trustedProxyHops) {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = [...header.split(",").map((s) => s.trim()).filter(Boolean), ...(remoteAddress ? [remoteAddress] : [])];
  const address = chain[chain.length - 1 - trustedProxyHops] ?? chain[0] ?? "unknown";
  // An IPv4 peer on a dual-stack socket reads "::ffff:1.2.3.4"; count it as 1.2.3.4.
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
}
