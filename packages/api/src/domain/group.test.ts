import { describe, expect, it } from "vitest";
import { adoptionRate, endTermProblem, recordDateProblem, replyDateProblem, rosterProblem, tallyAdoption, termCoversRecords, termStatus } from "./group";

const term = { termStart: "2026-01-01", termEnd: "2026-12-31" };

describe("termStatus", () => {
  it("is upcoming before the start, active through the last day, ended after it", () => {
    expect(termStatus(term, "2025-12-31")).toBe("upcoming");
    expect(termStatus(term, "2026-01-01")).toBe("active");
    expect(termStatus(term, "2026-12-31")).toBe("active");
    expect(termStatus(term, "2027-01-01")).toBe("ended");
  });
});

describe("rosterProblem", () => {
  it("accepts a group with exactly one leader and any deputies, members and liaisons", () => {
    expect(rosterProblem("group", [{ memberId: 1, role: "leader" }, { memberId: 2, role: "deputy" }, { memberId: 3, role: "member" }, { memberId: 4, role: "liaison" }])).toBeNull();
  });
  it("refuses a group without a leader or with two", () => {
    expect(rosterProblem("group", [{ memberId: 1, role: "member" }])).toBe("group.needsOneLeader");
    expect(rosterProblem("group", [{ memberId: 1, role: "leader" }, { memberId: 2, role: "leader" }])).toBe("group.needsOneLeader");
  });
  it("keeps the supervisor role for individual appointments", () => {
    expect(rosterProblem("group", [{ memberId: 1, role: "leader" }, { memberId: 2, role: "supervisor" }])).toBe("group.supervisorOnlyIndividual");
  });
  it("wants an individual appointment to be one member as supervisor", () => {
    expect(rosterProblem("individual", [{ memberId: 1, role: "supervisor" }])).toBeNull();
    expect(rosterProblem("individual", [{ memberId: 1, role: "leader" }])).toBe("group.individualNeedsOne");
    expect(rosterProblem("individual", [{ memberId: 1, role: "supervisor" }, { memberId: 2, role: "supervisor" }])).toBe("group.individualNeedsOne");
  });
  it("refuses the same member twice", () => {
    expect(rosterProblem("group", [{ memberId: 1, role: "leader" }, { memberId: 1, role: "member" }])).toBe("group.duplicateMember");
  });
});

describe("dates of records and replies", () => {
  it("puts visits and opinions inside the term and not in the future", () => {
    expect(recordDateProblem("2026-03-01", term, "2026-03-01")).toBeNull();
    expect(recordDateProblem("2026-03-02", term, "2026-03-01")).toBe("group.dateInFuture");
    expect(recordDateProblem("2025-12-31", term, "2026-03-01")).toBe("group.dateOutsideTerm");
    expect(recordDateProblem("2026-12-31", term, "2027-02-01")).toBeNull();
    expect(recordDateProblem("2027-01-01", term, "2027-02-01")).toBe("group.dateOutsideTerm");
  });
  it("wants a reply on or after the day the opinion was raised", () => {
    expect(replyDateProblem("2026-03-01", "2026-03-01", "2026-04-01")).toBeNull();
    expect(replyDateProblem("2026-03-01", "2026-02-28", "2026-04-01")).toBe("opinion.replyBeforeRaised");
    expect(replyDateProblem("2026-03-01", "2026-04-02", "2026-04-01")).toBe("group.dateInFuture");
  });
});

describe("ending a term early", () => {
  it("ends it on a day within the term, not after today, not before the last record", () => {
    expect(endTermProblem(term, "2026-05-01", "2026-05-01", "2026-04-20")).toBeNull();
    expect(endTermProblem(term, "2026-05-02", "2026-05-01", null)).toBe("group.dateInFuture");
    expect(endTermProblem(term, "2025-12-01", "2026-05-01", null)).toBe("group.endBeforeStart");
    expect(endTermProblem(term, "2026-04-01", "2026-05-01", "2026-04-20")).toBe("group.termExcludesRecords");
    expect(endTermProblem(term, "2026-12-01", "2027-01-05", null)).toBe("group.alreadyEnded");
  });
  it("keeps an edited term around what was recorded", () => {
    expect(termCoversRecords(term, { first: null, last: null })).toBe(true);
    expect(termCoversRecords(term, { first: "2026-02-01", last: "2026-11-01" })).toBe(true);
    expect(termCoversRecords({ termStart: "2026-03-01", termEnd: "2026-12-31" }, { first: "2026-02-01", last: "2026-11-01" })).toBe(false);
    expect(termCoversRecords({ termStart: "2026-01-01", termEnd: "2026-10-31" }, { first: "2026-02-01", last: "2026-11-01" })).toBe(false);
  });
});

describe("adoption rate", () => {
  it("is (adopted + partly adopted) / answered, unanswered left out", () => {
    expect(adoptionRate({ adopted: 2, partlyAdopted: 1, notAdopted: 1 })).toBe(0.75);
    expect(adoptionRate({ adopted: 0, partlyAdopted: 0, notAdopted: 3 })).toBe(0);
  });
  it("is null, not zero, while nothing is answered", () => {
    expect(adoptionRate({ adopted: 0, partlyAdopted: 0, notAdopted: 0 })).toBeNull();
  });
  it("tallies rows by adoption, null meaning unanswered", () => {
    expect(
      tallyAdoption([
        { adoption: "adopted", n: 3 },
        { adoption: null, n: 2 },
        { adoption: "not_adopted", n: 1 },
        { adoption: "adopted", n: 1 },
      ]),
    ).toEqual({ adopted: 4, partlyAdopted: 0, notAdopted: 1, unanswered: 2, total: 7, rate: 0.8 });
  });
});
