import { describe, expect, it } from "vitest";
import { databaseSettings, reconnectDelaySeconds } from "./settings";

describe("databaseSettings", () => {
  it("has defaults that suit one server next to the app", () => {
    expect(databaseSettings({})).toEqual({ max: 10, connectTimeoutSeconds: 5, idleTimeoutSeconds: 30, maxLifetimeSeconds: null });
  });

  it("reads every setting from the environment", () => {
    expect(
      databaseSettings({ DB_POOL_MAX: "4", DB_CONNECT_TIMEOUT_SECONDS: "2.5", DB_IDLE_TIMEOUT_SECONDS: "60", DB_MAX_LIFETIME_SECONDS: "900" }),
    ).toEqual({ max: 4, connectTimeoutSeconds: 2.5, idleTimeoutSeconds: 60, maxLifetimeSeconds: 900 });
  });

  it("treats an empty value as unset", () => {
    expect(databaseSettings({ DB_CONNECT_TIMEOUT_SECONDS: " ", DB_MAX_LIFETIME_SECONDS: "" }).connectTimeoutSeconds).toBe(5);
  });

  it("refuses values that would break the pool, naming the variable", () => {
    expect(() => databaseSettings({ DB_POOL_MAX: "0" })).toThrow(/DB_POOL_MAX/);
    expect(() => databaseSettings({ DB_POOL_MAX: "2.5" })).toThrow(/whole number/);
    expect(() => databaseSettings({ DB_CONNECT_TIMEOUT_SECONDS: "abc" })).toThrow(/DB_CONNECT_TIMEOUT_SECONDS/);
    // 0 would mean "wait for ever" to the driver.
    expect(() => databaseSettings({ DB_CONNECT_TIMEOUT_SECONDS: "0" })).toThrow(/from 0.1 to 120/);
  });
});

describe("reconnectDelaySeconds", () => {
  it("starts at 50 ms and doubles", () => {
    expect([1, 2, 3, 4].map(reconnectDelaySeconds)).toEqual([0.05, 0.1, 0.2, 0.4]);
  });

  it("never waits more than half a second, however long the outage", () => {
    expect(reconnectDelaySeconds(5)).toBe(0.5);
    expect(reconnectDelaySeconds(1000)).toBe(0.5);
  });
});
