import { sql } from "drizzle-orm";
import { type AnyPgColumn, index, integer, pgEnum, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { COMMITTEE_LEVELS } from "../enums";

export const committeeLevel = pgEnum("committee_level", COMMITTEE_LEVELS);

/**
 * 政协组织: city → county → township. `path` is the materialized ancestry ("/1/4/27/") so a
 * subtree is one indexed prefix match (`path LIKE '/1/4/%'`), never a recursive walk per row.
 */
export const committees = pgTable(
  "committees",
  {
    id: serial().primaryKey(),
    name: text().notNull(),
    shortName: text().notNull(),
    level: committeeLevel().notNull(),
    parentId: integer().references((): AnyPgColumn => committees.id),
    path: text().notNull().unique(),
    sortOrder: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("committees_path_prefix_idx").using("btree", sql`${t.path} text_pattern_ops`),
    index("committees_parent_idx").on(t.parentId),
  ],
);

export type Committee = typeof committees.$inferSelect;
