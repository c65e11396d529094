import ical, { ICalEventStatus } from "ical-generator";

/** One activity as the member's calendar shows it. */
export interface CalendarActivity {
  id: number;
  title: string;
  place: string;
  organizer: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  status: "planned" | "held" | "cancelled";
  /** A waiting-list place shows as tentative. */
  registration: "registered" | "waiting";
  updatedAt: Date;
  /** Where the member opens it in the app. */
  url: string;
}

/**
 * The member's activities as an iCalendar (RFC 5545) feed. ical-generator does the escaping,
 * line folding and CRLFs; times are written in UTC so every calendar app places them right.
 * UIDs are stable per activity and host, so a re-fetch updates events rather than adding them.
 */
export function activitiesCalendar(activities: readonly CalendarActivity[], options: { name: string; host: string; now: Date }): string {
  const calendar = ical({ name: options.name, prodId: { company: "zhuzhou-cppcc", product: "supervision-activities", language: "ZH" }, ttl: 60 * 60 });
  for (const a of activities) {
    calendar.createEvent({
      id: `activity-${a.id}@${options.host}`,
      start: a.startsAt,
      end: a.endsAt,
      stamp: options.now,
      lastModified: a.updatedAt,
      summary: a.registration === "waiting" ? `（候补）${a.title}` : a.title,
      location: a.place,
      description: [`组织者：${a.organizer}`, a.description].filter(Boolean).join("\n"),
      status: a.status === "cancelled" ? ICalEventStatus.CANCELLED : a.registration === "waiting" ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
      url: a.url,
    });
  }
  return calendar.toString();
}
