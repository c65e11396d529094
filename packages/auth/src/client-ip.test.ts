import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

describe("clientIp", () => {
  it("is 'unknown' without X-Forwarded-For", () => {
    expect(clientIp(null, 0)).toBe("unknown");
    expect(clientIp("", 0)).toBe("unknown");
    expect(clientIp(" , ", 0)).toBe("unknown");
  });

  it("takes the single entry", () => {
    expect(clientIp("203.0.113.7", 0)).toBe("203.0.113.7");
  });

  it("without trusted proxies takes the last entry, which the client cannot forge", () => {
    expect(clientIp("1.1.1.1, 203.0.113.7", 0)).toBe("203.0.113.7");
    expect(clientIp("forged, 10.0.0.1, 203.0.113.7", 0)).toBe("203.0.113.7");
  });

  it("steps back one entry per trusted proxy hop", () => {
    expect(clientIp("forged, 203.0.113.7, 10.0.0.2", 1)).toBe("203.0.113.7");
    expect(clientIp("forged, 203.0.113.7, 10.0.0.2, 10.0.0.3", 2)).toBe("203.0.113.7");
  });

  it("trims spaces and skips empty entries", () => {
    expect(clientIp("  203.0.113.7  ,, ", 0)).toBe("203.0.113.7");
    expect(clientIp("198.51.100.1,203.0.113.7", 0)).toBe("203.0.113.7");
  });

  it("falls back to the first entry when there are fewer entries than hops", () => {
    expect(clientIp("203.0.113.7", 2)).toBe("203.0.113.7");
    expect(clientIp("198.51.100.1, 203.0.113.7", 5)).toBe("198.51.100.1");
  });

  it("keeps IPv6 addresses whole", () => {
    expect(clientIp("2001:db8::1", 0)).toBe("2001:db8::1");
  });
});
