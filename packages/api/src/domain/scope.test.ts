import { describe, expect, it } from "vitest";
import { PgDialect } from "drizzle-orm/pg-core";
import { committees } from "@dm/db/schema";
import { canSeeCommittee, committeeIdWithinScope, type Scope, withinScope } from "./scope";

const dialect = new PgDialect({ casing: "snake_case" });
const county: Scope = { committeeId: 4, path: "/1/4/", level: "county" };
const city: Scope = { committeeId: 1, path: "/1/", level: "city" };

describe("withinScope", () => {
  it("is an indexed prefix match on the path column, with the pattern as a parameter", () => {
    const query = dialect.sqlToQuery(withinScope(county, committees.path));
    expect(query.sql).toBe('"committees"."path" like $1');
    expect(query.params).toEqual(["/1/4/%"]);
  });

  it("covers the whole tree for the city", () => {
    expect(dialect.sqlToQuery(withinScope(city, committees.path)).params).toEqual(["/1/%"]);
  });

  it("refuses a malformed scope path instead of widening the match", () => {
    expect(() => withinScope({ ...county, path: "/" }, committees.path)).toThrow();
    expect(() => withinScope({ ...county, path: "%" }, committees.path)).toThrow();
    expect(() => withinScope({ ...county, path: "/1/4" }, committees.path)).toThrow();
  });
});

describe("committeeIdWithinScope", () => {
  it("matches the committee id against the ids of the subtree, read by the same path match", () => {
    const query = dialect.sqlToQuery(committeeIdWithinScope(county, committees.id));
    expect(query.sql).toBe('"committees"."id" = any(array(select scope_committee.id from "committees" scope_committee where scope_committee.path like $1))');
    expect(query.params).toEqual(["/1/4/%"]);
  });

  it("refuses a malformed scope path", () => {
    expect(() => committeeIdWithinScope({ ...county, path: "/1/4" }, committees.id)).toThrow();
  });
});

describe("canSeeCommittee", () => {
  it("lets a county see itself and its townships", () => {
    expect(canSeeCommittee(county, "/1/4/")).toBe(true);
    expect(canSeeCommittee(county, "/1/4/27/")).toBe(true);
  });

  it("hides the city and sibling counties from a county", () => {
    expect(canSeeCommittee(county, "/1/")).toBe(false);
    expect(canSeeCommittee(county, "/1/5/")).toBe(false);
    expect(canSeeCommittee(county, "/1/5/31/")).toBe(false);
  });

  it("does not treat committee 40 as part of committee 4", () => {
    expect(canSeeCommittee(county, "/1/40/")).toBe(false);
    expect(canSeeCommittee(county, "/1/40/41/")).toBe(false);
  });

  it("lets the city see everything under it", () => {
    for (const path of ["/1/", "/1/4/", "/1/4/27/", "/1/40/"]) expect(canSeeCommittee(city, path)).toBe(true);
  });
});
