import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";

/** A route id, or a 404 for anything that is not one. */
export function routeId(raw: string): number {
  if (!/^\d{1,9}$/.test(raw) || Number(raw) === 0) notFound();
  return Number(raw);
}

/** Runs a direct API call for a page; NOT_FOUND becomes the 404 page, other errors propagate. */
export async function orNotFound<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** Whether an API error is FORBIDDEN (the page shows its "no access" state). */
export function isForbidden(error: unknown): boolean {
  return error instanceof TRPCError && error.code === "FORBIDDEN";
}
