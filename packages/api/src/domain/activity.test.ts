import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { activities, activityInvitees } from "@dm/db/schema";
import { checkInWindow, editProblem, freePlaces, inCheckInWindow, joinableSql, mayJoin, placeFor, recordProblem, signupProblem } from "./activity";
import { chinaMonthRange } from "./china-time";

/** 株洲市 /1/ → 醴陵市 /1/7/ → 左权镇 /1/7/30/; 茶陵县 /1/8/. */
const liling = { committeeId: 7, committeePath: "/1/7/" };
const zuoquan = { committeeId: 30, committeePath: "/1/7/30/" };
const city = { committeeId: 1, committeePath: "/1/" };
const chaling = { committeeId: 8, committeePath: "/1/8/" };
const memberOf = (c: { committeeId: number; committeePath: string }, memberId = 100) => ({ memberId, ...c });

describe("who may see and join an activity", () => {
  it("in SQL: each audience is an index condition on the activity, subtree by the ids on the member's path", () => {
    const query = new PgDialect({ casing: "snake_case" }).sqlToQuery(
      joinableSql(
        memberOf(zuoquan, 555),
        { id: activities.id, audience: activities.audience, committeeId: activities.committeeId },
        { table: activityInvitees, activityId: activityInvitees.activityId, memberId: activityInvitees.memberId },
      ),
    );
    expect(query.sql.replace(/\s+/g, " ")).toBe(
      '( ("activities"."audience" = \'committee\' and "activities"."committee_id" = $1) ' +
        'or ("activities"."audience" = \'subtree\' and "activities"."committee_id" in ($2, $3, $4)) ' +
        'or ("activities"."audience" = \'invited\' and "activities"."id" = any(array( select "activity_invitees"."activity_id" from "activity_invitees" where "activity_invitees"."member_id" = $5))) )',
    );
    // 左权镇's own committee; subtree: 株洲市, 醴陵市 and 左权镇 itself; the member's invitations.
    expect(query.params).toEqual([30, 1, 7, 30, 555]);
  });

  it("committee: only the organising committee's own members", () => {
    const a = { audience: "committee" as const, ...liling, invited: false };
    expect(mayJoin(memberOf(liling), a)).toBe(true);
    expect(mayJoin(memberOf(zuoquan), a)).toBe(false);
    expect(mayJoin(memberOf(city), a)).toBe(false);
    expect(mayJoin(memberOf(chaling), a)).toBe(false);
  });

  it("subtree: the organiser's members and those of every committee below it, not above or beside", () => {
    const a = { audience: "subtree" as const, ...liling, invited: false };
    expect(mayJoin(memberOf(liling), a)).toBe(true);
    expect(mayJoin(memberOf(zuoquan), a)).toBe(true);
    expect(mayJoin(memberOf(city), a)).toBe(false);
    expect(mayJoin(memberOf(chaling), a)).toBe(false);
    // A path that merely starts with the same digits is another committee.
    expect(mayJoin(memberOf({ committeeId: 70, committeePath: "/1/70/" }), a)).toBe(false);
  });

  it("a city-wide activity is open to every member in the city", () => {
    const a = { audience: "subtree" as const, ...city, invited: false };
    for (const c of [city, liling, zuoquan, chaling]) expect(mayJoin(memberOf(c), a)).toBe(true);
  });

  it("invited: only those on the list, wherever they sit", () => {
    expect(mayJoin(memberOf(zuoquan), { audience: "invited", ...liling, invited: true })).toBe(true);
    expect(mayJoin(memberOf(liling), { audience: "invited", ...liling, invited: false })).toBe(false);
  });
});

const at = (iso: string) => new Date(iso);
const planned = { status: "planned" as const, startsAt: at("2026-05-10T01:00:00Z"), endsAt: at("2026-05-10T04:00:00Z"), signupDeadline: at("2026-05-09T10:00:00Z") };

describe("sign-up", () => {
  it("is open until the deadline, for planned activities only", () => {
    expect(signupProblem(planned, at("2026-05-09T09:59:59Z"))).toBeNull();
    expect(signupProblem(planned, at("2026-05-09T10:00:00Z"))).toBeNull();
    expect(signupProblem(planned, at("2026-05-09T10:00:01Z"))).toBe("activity.deadlinePassed");
    expect(signupProblem({ ...planned, status: "cancelled" }, at("2026-05-01T00:00:00Z"))).toBe("activity.cancelled");
    expect(signupProblem({ ...planned, status: "held" }, at("2026-05-01T00:00:00Z"))).toBe("activity.alreadyHeld");
  });

  it("registers while places remain, then waits; no capacity never waits", () => {
    expect(placeFor(0, 2)).toBe("registered");
    expect(placeFor(1, 2)).toBe("registered");
    expect(placeFor(2, 2)).toBe("waiting");
    expect(placeFor(5000, null)).toBe("registered");
  });

  it("promotes as many waiting as there are free places", () => {
    expect(freePlaces(19, 20, 30)).toBe(1);
    expect(freePlaces(20, 20, 30)).toBe(0);
    expect(freePlaces(22, 20, 30)).toBe(0);
    expect(freePlaces(10, 20, 3)).toBe(3);
    expect(freePlaces(10, null, 7)).toBe(7);
  });
});

describe("check-in window", () => {
  it("opens an hour before the start and closes at the end", () => {
    expect(checkInWindow(planned)).toEqual({ opens: at("2026-05-10T00:00:00Z"), closes: planned.endsAt });
    expect(inCheckInWindow(planned, at("2026-05-09T23:59:59Z"))).toBe(false);
    expect(inCheckInWindow(planned, at("2026-05-10T00:00:00Z"))).toBe(true);
    expect(inCheckInWindow(planned, at("2026-05-10T04:00:00Z"))).toBe(true);
    expect(inCheckInWindow(planned, at("2026-05-10T04:00:01Z"))).toBe(false);
  });
});

describe("editing and the record", () => {
  it("edits and cancels planned activities only", () => {
    expect(editProblem("planned")).toBeNull();
    expect(editProblem("held")).toBe("activity.alreadyHeld");
    expect(editProblem("cancelled")).toBe("activity.cancelled");
  });

  it("records once started, never when cancelled", () => {
    expect(recordProblem(planned, at("2026-05-10T00:59:59Z"))).toBe("activity.notStarted");
    expect(recordProblem(planned, at("2026-05-10T01:00:00Z"))).toBeNull();
    expect(recordProblem({ ...planned, status: "held" }, at("2026-05-11T00:00:00Z"))).toBeNull();
    expect(recordProblem({ ...planned, status: "cancelled" }, at("2026-05-11T00:00:00Z"))).toBe("activity.cancelled");
  });
});

describe("month bounds in China", () => {
  it("runs from local midnight on the 1st to the next 1st", () => {
    expect(chinaMonthRange("2026-05")).toEqual({ start: at("2026-04-30T16:00:00Z"), end: at("2026-05-31T16:00:00Z") });
    expect(chinaMonthRange("2026-12")).toEqual({ start: at("2026-11-30T16:00:00Z"), end: at("2026-12-31T16:00:00Z") });
  });
});
