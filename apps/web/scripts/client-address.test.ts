import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address.mjs";

describe("clientAddress", () => {
  it("without proxies is the socket's peer, whatever X-Forwarded-For the client sent", () => {
    expect(clientAddress(undefined, "203.0.113.7", 0)).toBe("203.0.113.7");
    expect(clientAddress("1.2.3.4", "203.0.113.7", 0)).toBe("203.0.113.7");
    expect(clientAddress(["1.2.3.4", "5.6.7.8"], "::1", 0)).toBe("::1");
  });

  it("behind one proxy is the entry that proxy appended", () => {
    // client forged "1.2.3.4"; the proxy appended the real peer 203.0.113.7; the socket is the proxy
    expect(clientAddress("1.2.3.4, 203.0.113.7", "10.0.0.2", 1)).toBe("203.0.113.7");
    expect(clientAddress("1.2.3.4, 203.0.113.7, 10.0.0.2", "10.0.0.3", 2)).toBe("203.0.113.7");
  });

  it("trims spaces, skips empty entries, falls back to the first entry when hops exceed the chain", () => {
    expect(clientAddress(" 203.0.113.7 ,, ", "10.0.0.2", 1)).toBe("203.0.113.7");
    expect(clientAddress(undefined, "10.0.0.2", 3)).toBe("10.0.0.2");
  });

  it("reads an IPv4-mapped IPv6 peer as plain IPv4", () => {
    expect(clientAddress(undefined, "::ffff:127.0.0.1", 0)).toBe("127.0.0.1");
    expect(clientAddress(undefined, "::1", 0)).toBe("::1");
  });

  it("is 'unknown' with nothing to go on", () => {
    expect(clientAddress(undefined, undefined, 0)).toBe("unknown");
  });
});
