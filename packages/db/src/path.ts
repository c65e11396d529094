/**
 * Materialized committee paths ("/1/4/27/"). Pure helpers, shared by the scope filter in SQL
 * and by code that checks a single row.
 */

export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? "/"}${id}/`;
}

/** True when `path` is `ancestorPath` itself or lies below it. */
export function isWithinPath(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/** The LIKE pattern matching a subtree; `%` and `_` cannot occur in a path, so no escaping. */
export function subtreePattern(ancestorPath: string): string {
  if (!/^\/(\d+\/)+$/.test(ancestorPath)) throw new Error(`Not a committee path: ${ancestorPath}`);
  return `${ancestorPath}%`;
}

/** Ids along a path, root first: "/1/4/27/" → [1, 4, 27]. */
export function pathIds(path: string): number[] {
  return path.split("/").filter(Boolean).map(Number);
}
