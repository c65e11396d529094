import { DrizzleQueryError } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { isDatabaseDown, outageCode } from "./outage";

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe("isDatabaseDown", () => {
  it.each(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_DESTROYED", "57P01", "57P03", "53300", "08006", "08001"])(
    "recognises %s",
    (code) => {
      expect(isDatabaseDown(withCode(code))).toBe(true);
    },
  );

  it("looks through Drizzle's and tRPC's wrapping", () => {
    // What a procedure's query throws while the server is stopped: tRPC's error around Drizzle's around the socket's.
    const drizzle = new DrizzleQueryError("select 1", [], withCode("ECONNREFUSED"));
    expect(isDatabaseDown(drizzle)).toBe(true);
    expect(isDatabaseDown({ code: "INTERNAL_SERVER_ERROR", cause: drizzle })).toBe(true);
  });

  it("does not take a query's own failure for an outage", () => {
    expect(isDatabaseDown(withCode("23505"))).toBe(false); // unique violation
    expect(isDatabaseDown(withCode("40001"))).toBe(false); // serialization failure
    expect(isDatabaseDown(new DrizzleQueryError("select 1", [], withCode("42P01")))).toBe(false);
    expect(isDatabaseDown(new Error("boom"))).toBe(false);
    expect(isDatabaseDown(undefined)).toBe(false);
    expect(isDatabaseDown("ECONNREFUSED")).toBe(false);
  });

  it("stops on a cycle of causes", () => {
    const a: { code: string; cause?: unknown } = { code: "X" };
    a.cause = a;
    expect(isDatabaseDown(a)).toBe(false);
  });
});

describe("outageCode", () => {
  it("names the code that made it an outage, for the log", () => {
    expect(outageCode({ code: "SERVICE_UNAVAILABLE", cause: new DrizzleQueryError("select 1", [], withCode("57P01")) })).toBe("57P01");
    expect(outageCode(withCode("23505"))).toBeUndefined();
  });
});
