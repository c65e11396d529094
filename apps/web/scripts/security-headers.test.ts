import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders, STRICT_TRANSPORT_SECURITY, trustForwardedProtocol } from "./security-headers.mjs";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)] as const));

describe("contentSecurityPolicy", () => {
  it("allows this origin only, no plugins, no framing, forms posting here", () => {
    const csp = directives(contentSecurityPolicy());
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
  });

  it("in production never allows eval or a script from another origin", () => {
    const scripts = directives(contentSecurityPolicy()).get("script-src")!;
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(scripts.every((s) => s.startsWith("'"))).toBe(true);
    expect(directives(contentSecurityPolicy({ dev: true })).get("script-src")).toContain("'unsafe-eval'");
  });
});

describe("securityHeaders", () => {
  it("are the CSP, nosniff, no framing, a referrer policy and device permissions", () => {
    const headers = new Map(securityHeaders().map((h) => [h.key, h.value]));
    expect(headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(headers.get("X-Frame-Options")).toBe("DENY");
    expect(headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(headers.get("Permissions-Policy")).toContain("camera=(self)");
    expect(headers.get("Permissions-Policy")).toContain("geolocation=(self)");
    expect(headers.get("Permissions-Policy")).toContain("microphone=()");
    expect(headers.get("Content-Security-Policy")).toBe(contentSecurityPolicy());
    // HSTS depends on the request and is the production server's to add.
    expect(headers.has("Strict-Transport-Security")).toBe(false);
    expect(STRICT_TRANSPORT_SECURITY).toMatch(/^max-age=31536000/);
  });
});

describe("trustForwardedProtocol", () => {
  it("without a trusted proxy removes the client's own X-Forwarded-Proto and -Host: never HTTPS", () => {
    const headers: Record<string, string> = { "x-forwarded-proto": "https", "x-forwarded-host": "evil.example", host: "127.0.0.1:3000" };
    expect(trustForwardedProtocol(headers, 0)).toBe(false);
    expect(headers).toEqual({ host: "127.0.0.1:3000" });
  });

  it("behind a trusted proxy keeps its headers and reports HTTPS from the first protocol listed", () => {
    const headers = { "x-forwarded-proto": "https, http", "x-forwarded-host": "zxjd.example.gov.cn" };
    expect(trustForwardedProtocol(headers, 1)).toBe(true);
    expect(headers["x-forwarded-host"]).toBe("zxjd.example.gov.cn");
    expect(trustForwardedProtocol({ "x-forwarded-proto": "http" }, 1)).toBe(false);
    expect(trustForwardedProtocol({}, 2)).toBe(false);
  });
});
