import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { assignments, problems } from "@dm/db/schema";

/**
 * The overdue rules in SQL, for filters and grouped counts. They must say exactly what their
 * twins say row by row: isOverdue (domain/assignment.ts) and isProblemOverdue (domain/problem.ts);
 * tests/integration/dashboard.test.ts checks them against each other. `today` is chinaToday();
 * `table` may be an alias of assignments.
 */
export const assignmentOverdue = (today: string, table: Record<"status" | "deadline", AnyPgColumn> = assignments): SQL =>
  sql`(${table.status} <> 'approved' and ${table.deadline} < ${today})`;

export const problemOverdue = (today: string): SQL => sql`(${problems.status} in ('pending', 'rectifying') and ${problems.deadline} < ${today})`;
