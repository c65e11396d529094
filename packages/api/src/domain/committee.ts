import { pathIds } from "@dm/db";

/**
 * Adds each committee's own count to every ancestor on its path, so a county's figure includes
 * its townships. Pure; the caller loads own counts with one grouped query.
 */
export function rollUpCounts(committeesInScope: readonly { id: number; path: string }[], ownCounts: ReadonlyMap<number, number>): Map<number, number> {
  const totals = new Map<number, number>(committeesInScope.map((c) => [c.id, 0]));
  for (const c of committeesInScope) {
    const own = ownCounts.get(c.id) ?? 0;
    for (const ancestorId of pathIds(c.path)) {
      if (totals.has(ancestorId)) totals.set(ancestorId, totals.get(ancestorId)! + own);
    }
  }
  return totals;
}

/** Orders a subtree depth-first by each level's sortOrder, so the UI can render it as read. */
export function sortTree<T extends { id: number; parentId: number | null; sortOrder: number }>(rows: readonly T[]): T[] {
  const ids = new Set(rows.map((r) => r.id));
  const byParent = new Map<number | null, T[]>();
  for (const row of rows) {
    const parent = row.parentId !== null && ids.has(row.parentId) ? row.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), row]);
  }
  const out: T[] = [];
  const visit = (parent: number | null) => {
    for (const row of (byParent.get(parent) ?? []).sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id)) {
      out.push(row);
      visit(row.id);
    }
  };
  visit(null);
  return out;
}
