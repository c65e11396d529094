import { type SQL, sql } from "drizzle-orm";
import { assignments, problems } from "@dm/db/schema";

/**
 * The overdue rules in SQL, for filters and grouped counts. They must say exactly what their
 * twins say row by row: isOverdue (domain/assignment.ts) and isProblemOverdue (domain/problem.ts);
 * tests/integration/dashboard.test.ts checks them against each other. `today` is chinaToday().
 */
export const assignmentOverdue = (today: string): SQL => sql`(${assignments.status} <> 'approved' and ${assignments.deadline} < ${today})`;

export const problemOverdue = (today: string): SQL => sql`(${problems.status} in ('pending', 'rectifying') and ${problems.deadline} < ${today})`;
