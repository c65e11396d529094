import { describe, expect, it } from "vitest";
import { ROLES } from "@dm/db";
import { CAPABILITIES, CITY_ROLES, can, roleAllows, STAFF_ROLES } from "./roles";

describe("roles", () => {
  it("names every role but member as staff", () => {
    expect([...STAFF_ROLES].sort()).toEqual(ROLES.filter((r) => r !== "member").sort());
    expect([...CITY_ROLES].sort()).toEqual(["city_leader", "city_staff"]);
  });

  it("gives member.read to staff roles only", () => {
    expect(can("city_leader", "member.read")).toBe(true);
    expect(can("city_staff", "member.read")).toBe(true);
    expect(can("county_staff", "member.read")).toBe(true);
    expect(can("township_liaison", "member.read")).toBe(true);
    expect(can("member", "member.read")).toBe(false);
  });

  it("gives committee.read to every role", () => {
    for (const role of ROLES) expect(can(role, "committee.read")).toBe(true);
  });

  it("only lists known roles in capabilities", () => {
    for (const roles of Object.values(CAPABILITIES)) for (const role of roles) expect(ROLES).toContain(role);
  });

  it("roleAllows checks membership of the list", () => {
    expect(roleAllows("county_staff", ["city_staff", "county_staff"])).toBe(true);
    expect(roleAllows("member", ["city_staff", "county_staff"])).toBe(false);
    expect(roleAllows("city_leader", [])).toBe(false);
  });
});
