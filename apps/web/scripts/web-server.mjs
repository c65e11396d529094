/**
 * The production web server: Next's request handler behind a plain Node HTTP server. `next
 * start` passes a client's own X-Forwarded-For through unchanged, which would let anyone dodge
 * the per-IP sign-in throttle; here the header is replaced by the address we can trust.
 *
 * Likewise X-Forwarded-Proto and X-Forwarded-Host are honoured only from trusted proxies (they
 * decide whether next-auth's cookies are Secure), and a request that arrived over HTTPS gets
 * Strict-Transport-Security. The other security headers come from next.config.ts. A page that
 * failed because the database was unavailable is answered 503, not 500 (request-outcome.mjs).
 *
 * Env: PORT (3000), TRUSTED_PROXY_HOPS (0: the socket's peer is the client).
 */
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import next from "next";
import { clientAddress } from "./client-address.mjs";
import { withRequestOutcome } from "./request-outcome.mjs";
import { STRICT_TRANSPORT_SECURITY, trustForwardedProtocol } from "./security-headers.mjs";

const port = Number(process.env.PORT ?? 3000);
const hops = Number(process.env.TRUSTED_PROXY_HOPS ?? 0);
if (!Number.isInteger(hops) || hops < 0 || hops > 5) throw new Error("TRUSTED_PROXY_HOPS must be a whole number from 0 to 5");

const app = next({ dev: false, dir: fileURLToPath(new URL("..", import.meta.url)), port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  req.headers["x-forwarded-for"] = clientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, hops);
  if (trustForwardedProtocol(req.headers, hops)) res.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  void withRequestOutcome(res, () => handle(req, res));
});
server.listen(port, () => console.info(`[web] ready on http://localhost:${port}`));

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
