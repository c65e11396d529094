"use server";

import { cookies, headers } from "next/headers";
import { signOut } from "@dm/auth";
import { parseLocale } from "@dm/api";

/**
 * Only the server reads the language (HttpOnly). Secure over HTTPS: the production server
 * keeps X-Forwarded-Proto only from a trusted proxy, and Next fills it in otherwise.
 */
export async function setLocale(locale: string) {
  const secure = (await headers()).get("x-forwarded-proto") === "https";
  (await cookies()).set("NEXT_LOCALE", parseLocale(locale), { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax", httpOnly: true, secure });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}

/** After a password change every session has ended; clear this browser's cookie too. */
export async function signOutAfterPasswordChange() {
  await signOut({ redirectTo: "/login?notice=passwordChanged" });
}
