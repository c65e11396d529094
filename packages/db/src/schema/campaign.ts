import { date, index, integer, jsonb, pgEnum, pgTable, primaryKey, serial, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { LEADING_GROUP_ROLES } from "../enums";
import { committees } from "./committee";
import { users } from "./user";

export const leadingGroupRole = pgEnum("leading_group_role", LEADING_GROUP_ROLES);

/** 专项民主监督: one per topic and year, run by the city committee. */
export const campaigns = pgTable(
  "campaigns",
  {
    id: serial().primaryKey(),
    /** The committee that runs it (the city); everyone below reads it. */
    committeeId: integer()
      .notNull()
      .references(() => committees.id),
    title: text().notNull(),
    year: smallint().notNull(),
    topic: text().notNull(),
    startDate: date({ mode: "string" }).notNull(),
    endDate: date({ mode: "string" }).notNull(),
    description: text().notNull().default(""),
    /** 监督内容 and 监督方式: editable lists, tasks pick from them. */
    focusAreas: jsonb().$type<string[]>().notNull(),
    methods: jsonb().$type<string[]>().notNull(),
    /** 月报 are due by this day of the following month. */
    reportDueDay: smallint().notNull().default(5),
    version: integer().notNull().default(1),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("campaigns_committee_year_idx").on(t.committeeId, t.year)],
);

/** 领导小组: 组长, 副组长, 成员, chosen from city users. */
export const campaignLeadingGroup = pgTable(
  "campaign_leading_group",
  {
    campaignId: integer()
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    userId: integer()
      .notNull()
      .references(() => users.id),
    role: leadingGroupRole().notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.userId] })],
);

/** 联系县市区: each chair-meeting member is linked to the counties they supervise (督导). */
export const campaignCountyLinks = pgTable(
  "campaign_county_links",
  {
    campaignId: integer()
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    leaderUserId: integer()
      .notNull()
      .references(() => users.id),
    committeeId: integer()
      .notNull()
      .references(() => committees.id),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.leaderUserId, t.committeeId] })],
);

export type Campaign = typeof campaigns.$inferSelect;
