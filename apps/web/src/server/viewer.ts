import "server-only";
import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getCaller } from "@/trpc/server";

/**
 * The signed-in account for a page, or a redirect to sign-in when there is none or it was
 * disabled since the session began. Other failures reach the error page.
 */
export const requireAccount = cache(async () => {
  const account = await currentAccount();
  if (!account) redirect("/login");
  return account;
});

/** The signed-in account, or null when the session is missing, revoked or stale. */
export const currentAccount = cache(async () => {
  const caller = await getCaller();
  try {
    return await caller.account.me();
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return null;
    throw error;
  }
});
