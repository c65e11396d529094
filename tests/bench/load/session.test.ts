import { describe, expect, it } from "vitest";
import { cookiesOf, sessionCookieHeader } from "./session";

describe("the session cookie a browser would keep", () => {
  it("keeps name=value of each Set-Cookie line, without the attributes", () => {
    const cookies = cookiesOf(["authjs.csrf-token=abc%7Cdef; Path=/; HttpOnly; SameSite=Lax", "authjs.callback-url=http%3A%2F%2F127.0.0.1; Path=/"]);
    expect([...cookies.values()]).toEqual(["authjs.csrf-token=abc%7Cdef", "authjs.callback-url=http%3A%2F%2F127.0.0.1"]);
  });

  it("sends back only the session token, and every chunk of a split one", () => {
    const cookies = cookiesOf([
      "authjs.callback-url=%2F; Path=/",
      "authjs.session-token.0=part-one; Path=/; HttpOnly",
      "authjs.session-token.1=part-two; Path=/; HttpOnly",
    ]);
    expect(sessionCookieHeader(cookies)).toBe("authjs.session-token.0=part-one; authjs.session-token.1=part-two");
    expect(sessionCookieHeader(cookiesOf("__Secure-authjs.session-token=jwt; Secure"))).toBe("__Secure-authjs.session-token=jwt");
  });

  it("has nothing to send when no session was set", () => {
    expect(sessionCookieHeader(cookiesOf(undefined))).toBe("");
    expect(sessionCookieHeader(cookiesOf(["authjs.csrf-token=x; Path=/"]))).toBe("");
  });
});
