import { date, index, integer, pgEnum, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { MONTHLY_REPORT_STATUSES } from "../enums";
import { campaigns } from "./campaign";
import { committees } from "./committee";
import { users } from "./user";

export const monthlyReportStatus = pgEnum("monthly_report_status", MONTHLY_REPORT_STATUSES);

/**
 * 月报: one per county or township, campaign and month. Due by the campaign's `reportDueDay`
 * of the following month; late and missing are derived from that, not stored.
 */
export const monthlyReports = pgTable(
  "monthly_reports",
  {
    id: serial().primaryKey(),
    campaignId: integer()
      .notNull()
      .references(() => campaigns.id),
    committeeId: integer()
      .notNull()
      .references(() => committees.id),
    /** The first day of the month reported on. */
    month: date({ mode: "string" }).notNull(),
    summary: text().notNull().default(""),
    /** Pre-filled from the activity records when the report is started; editable. */
    activitiesHeld: integer().notNull().default(0),
    activitySummary: text().notNull().default(""),
    problems: text().notNull().default(""),
    nextPlan: text().notNull().default(""),
    status: monthlyReportStatus().notNull().default("draft"),
    submittedAt: timestamp({ withTimezone: true }),
    submittedBy: integer().references(() => users.id),
    version: integer().notNull().default(1),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("monthly_reports_campaign_committee_month_uq").on(t.campaignId, t.committeeId, t.month),
    index("monthly_reports_campaign_month_idx").on(t.campaignId, t.month),
  ],
);

export type MonthlyReport = typeof monthlyReports.$inferSelect;
