import { describe, expect, it } from "vitest";
import { activitiesCalendar } from "./activity-calendar";

const base = {
  id: 7,
  title: "渌江干流岸线保护情况视察",
  place: "醴陵市渌江大桥集合; 北岸, 东侧",
  organizer: "醴陵市政协",
  description: "请提前十分钟到达集合地点，现场扫码签到。".repeat(4),
  startsAt: new Date("2026-05-10T01:00:00Z"),
  endsAt: new Date("2026-05-10T04:00:00Z"),
  status: "planned" as const,
  registration: "registered" as const,
  updatedAt: new Date("2026-05-01T00:00:00Z"),
  url: "https://example.org/activities/7",
};

/** RFC 5545 unfolding: a CRLF followed by one space or tab continues the line. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");

describe("the member's calendar feed", () => {
  const ics = activitiesCalendar([base, { ...base, id: 8, status: "cancelled", registration: "waiting" }], { name: "谭湘松的监督活动", host: "example.org", now: new Date("2026-05-02T00:00:00Z") });

  it("is a VCALENDAR with one VEVENT per activity, in UTC, with stable UIDs", () => {
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics.trimEnd().endsWith("END:VCALENDAR")).toBe(true);
    const text = unfold(ics);
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(text).toContain("UID:activity-7@example.org");
    expect(text).toContain("DTSTART:20260510T010000Z");
    expect(text).toContain("DTEND:20260510T040000Z");
    expect(text).toContain("SUMMARY:渌江干流岸线保护情况视察");
    expect(text).toContain("STATUS:CONFIRMED");
    expect(text).toContain("SUMMARY:（候补）渌江干流岸线保护情况视察");
    expect(text).toContain("STATUS:CANCELLED");
  });

  it("escapes text and folds long lines at 75 octets without splitting characters", () => {
    const text = unfold(ics);
    expect(text).toContain("LOCATION:醴陵市渌江大桥集合\\; 北岸\\, 东侧");
    expect(text).toContain("DESCRIPTION:组织者：醴陵市政协\\n请提前");
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(ics).not.toContain("\uFFFD");
  });
});
