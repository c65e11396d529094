"use server";

import { cookies } from "next/headers";
import { signOut } from "@dm/auth";
import { parseLocale } from "@dm/api";

export async function setLocale(locale: string) {
  (await cookies()).set("NEXT_LOCALE", parseLocale(locale), { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}

/** After a password change every session has ended; clear this browser's cookie too. */
export async function signOutAfterPasswordChange() {
  await signOut({ redirectTo: "/login?notice=passwordChanged" });
}
