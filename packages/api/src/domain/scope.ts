import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { type CommitteeLevel, isWithinPath, subtreePattern } from "@dm/db";

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

/** The same rule for one row already loaded. */
export function canSeeCommittee(scope: Scope, committeePath: string): boolean {
  return isWithinPath(committeePath, scope.path);
}
