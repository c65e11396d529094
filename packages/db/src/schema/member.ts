import { boolean, index, integer, pgEnum, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { MEMBER_LEVELS } from "../enums";
import { committees } from "./committee";

export const memberLevel = pgEnum("member_level", MEMBER_LEVELS);

/** 政协委员: the roster entry. A member may or may not have a sign-in (see `users.memberId`). */
export const members = pgTable(
  "members",
  {
    id: serial().primaryKey(),
    committeeId: integer().notNull().references(() => committees.id),
    name: text().notNull(),
    gender: text({ enum: ["男", "女"] }).notNull(),
    sector: text().notNull(),
    party: text().notNull(),
    level: memberLevel().notNull(),
    phone: text().notNull(),
    /** 工作单位及职务 */
    workplace: text().notNull().default(""),
    /** Deactivated members keep their history; members are never deleted. */
    active: boolean().notNull().default(true),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("members_phone_uq").on(t.phone),
    index("members_committee_idx").on(t.committeeId),
  ],
);

export type Member = typeof members.$inferSelect;
