import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { type CommitteeLevel, isWithinPath, subtreePattern } from "@dm/db";
import { committees } from "@dm/db/schema";

/**
 * What a caller may see: their committee and everything below it. Resolved once per request
 * from the database (never from client input) and applied in SQL.
 */
export interface Scope {
  committeeId: number;
  path: string;
  level: CommitteeLevel;
}

/** SQL condition: the row's committee path lies within the caller's subtree (indexed prefix). */
export function withinScope(scope: Scope, pathColumn: AnyPgColumn): SQL {
  return sql`${pathColumn} like ${subtreePattern(scope.path)}`;
}

/**
 * The same rule on a committee id column, for tables that carry one: `column = any(ids of the
 * subtree)`, the ids read once per statement (an InitPlan over the path index). Unlike a join
 * to committees filtered by path, it is an index condition on the table's own committee index
 * whatever the planner guesses of the subtree's size, so the statement reads the subtree's rows
 * only, however large the rest of the tree is, and needs no join when the committee's columns
 * are not shown.
 */
export function committeeIdWithinScope(scope: Scope, committeeIdColumn: AnyPgColumn): SQL {
  return sql`${committeeIdColumn} = any(array(select scope_committee.id from ${committees} scope_committee where scope_committee.path like ${subtreePattern(scope.path)}))`;
}

/** The same rule for one row already loaded. */
export function canSeeCommittee(scope: Scope, committeePath: string): boolean {
  return isWithinPath(committeePath, scope.path);
}
