/**
 * The security headers of every response, shared by next.config.ts (the static ones, on every
 * route) and the production server (HSTS, which depends on how the request arrived).
 *
 * The Content-Security-Policy is static, not nonce-based. A nonce must differ per response, so
 * Next.js would render every page dynamically and could serve no page from its static cache;
 * and Next's App Router streams its RSC payload in inline <script> tags, so a static policy must
 * allow inline scripts ('unsafe-inline'). What the policy still guarantees: no script, style,
 * font or connection from another origin, no plugins, no <base> hijack, forms post only here,
 * and no framing. The remaining XSS defence is React's escaping: the code renders no user
 * HTML (the one dangerouslySetInnerHTML is the server-generated QR code SVG).
 */

/**
 * @param {{ dev?: boolean }} [options] `next dev` needs eval for React's debugging features.
 * @returns {string}
 */
export function contentSecurityPolicy({ dev = false } = {}) {
  const directives = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : [])],
    // React and Tailwind set style attributes; ECharts draws SVG with inline styles.
    "style-src": ["'self'", "'unsafe-inline'"],
    // QR codes and chart exports are data: or blob: images; photo previews come from /api/attachments.
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

/**
 * The headers every response carries (next.config.ts `headers()`).
 *
 * @param {{ dev?: boolean }} [options]
 * @returns {{ key: string, value: string }[]}
 */
export function securityHeaders(options = {}) {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(options) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    // The check-in QR flow may one day scan with the camera; nothing else needs a device.
    { key: "Permissions-Policy", value: "camera=(self), geolocation=(self), microphone=(), payment=(), usb=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
}

/** Sent only on responses to HTTPS requests: a browser ignores it over plain HTTP anyway. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

/**
 * Makes the request's forwarding headers say only what this server can trust. Without a
 * trusted proxy (hops 0) the client is talking to us directly over plain HTTP, so an
 * X-Forwarded-Proto or X-Forwarded-Host it sent is a lie: removed, next-auth sees the real
 * protocol and host (its cookies are Secure exactly when the request was HTTPS). Behind
 * trusted proxies these headers are the proxy's and are kept.
 *
 * @param {import("node:http").IncomingHttpHeaders} headers modified in place
 * @param {number} trustedProxyHops
 * @returns {boolean} whether the request reached the platform over HTTPS
 */
export function trustForwardedProtocol(headers, trustedProxyHops) {
  if (trustedProxyHops === 0) {
    delete headers["x-forwarded-proto"];
    delete headers["x-forwarded-host"];
    return false;
  }
  const proto = headers["x-forwarded-proto"];
  // A chain of proxies may list several ("https, http"): the first is what the client used.
  const first = (Array.isArray(proto) ? proto[0] : proto)?.split(",")[0]?.trim().toLowerCase();
  return first === "https";
}
