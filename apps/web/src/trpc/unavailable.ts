/**
 * A page that failed because the database was unavailable shows "service temporarily
 * unavailable", not "something went wrong". On the server the error gets this digest (Next.js
 * keeps an error's own digest when it hands the error to the error page, and replaces its
 * message); in the browser a query's error says SERVICE_UNAVAILABLE in its data.
 */
export const UNAVAILABLE_DIGEST = "DM_SERVICE_UNAVAILABLE";

export function isServiceUnavailable(error: unknown): boolean {
  const e = error as { digest?: unknown; data?: { code?: unknown } } | null | undefined;
  return e?.digest === UNAVAILABLE_DIGEST || e?.data?.code === "SERVICE_UNAVAILABLE";
}
