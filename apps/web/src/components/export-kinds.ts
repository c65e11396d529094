/** The pages with an Excel export, by the path segment of /api/exports/<kind>. */
export const EXPORT_KINDS = ["tasks", "activities", "coverage", "monthly-reports", "points"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
