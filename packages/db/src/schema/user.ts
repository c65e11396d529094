import { index, integer, pgEnum, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { ROLES } from "../enums";
import { committees } from "./committee";
import { members } from "./member";

export const role = pgEnum("role", ROLES);

/** A sign-in account. One committee and one role; a member's account points at its roster entry. */
export const users = pgTable(
  "users",
  {
    id: serial().primaryKey(),
    /** Stored lower-case; sign-in accepts it or the phone. */
    username: text().notNull(),
    phone: text(),
    displayName: text().notNull(),
    /** e.g. 市政协主席, 办公室科员 — shown in the shell. */
    title: text().notNull().default(""),
    passwordHash: text().notNull(),
    role: role().notNull(),
    committeeId: integer().notNull().references(() => committees.id),
    memberId: integer().references(() => members.id),
    disabledAt: timestamp({ withTimezone: true }),
    passwordChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Carried in each session token; raising it (password change) ends every session at once. */
    sessionVersion: integer().notNull().default(0),
    /** Secret in the member's calendar (ICS) feed URL; null until they ask for the feed. */
    calendarToken: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_username_uq").on(t.username),
    uniqueIndex("users_phone_uq").on(t.phone),
    uniqueIndex("users_member_uq").on(t.memberId),
    uniqueIndex("users_calendar_token_uq").on(t.calendarToken),
    index("users_committee_idx").on(t.committeeId),
  ],
);

export type User = typeof users.$inferSelect;
