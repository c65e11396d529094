import "server-only";
import { createTranslator } from "next-intl";
import { createCaller, createContext, isDatabaseDown, type Locale, parseLocale } from "@dm/api";
import { sessionFromCookie } from "@dm/auth/session-token";
import { getDb } from "@dm/db";
import { env } from "@/env";
import { MAX_UPLOAD_BYTES } from "@/server/file-check";
import { type AttachmentStore, localStore } from "@/server/storage";
import { MESSAGES } from "../../../../messages";

let store: AttachmentStore | undefined;
/** The configured store (a local folder, ATTACHMENTS_DIR). */
export function attachmentStore(): AttachmentStore {
  return (store ??= localStore(env.ATTACHMENTS_DIR));
}

/**
 * The caller of a route handler, checked against the database as the API does (a disabled
 * account, a changed password or a signed-out session gives a null viewer). `api` calls the
 * tRPC procedures in-process as this caller, with their own capability and scope checks.
 */
export async function requestContext(request: Request) {
  const ctx = createContext({ db: getDb(), session: await sessionFromCookie(request.headers.get("cookie")), headers: request.headers });
  return { db: ctx.db, requestId: ctx.requestId, viewer: await ctx.viewer(), api: createCaller(ctx) };
}

/** Message keys of the "attachments.errors" namespace the handlers answer with. */
export type ErrorKey = "unauthorized" | "notFound" | "tooLarge" | "unsupportedType" | "extensionMismatch" | "empty" | "noFile" | "badRequest" | "server" | "unavailable";

export function errorMessage(locale: Locale, key: ErrorKey): string {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "attachments.errors" });
  return t(key, { maxMb: MAX_UPLOAD_BYTES / 1024 / 1024 });
}

/** `{ error: { code, message } }` in the caller's language; never cached. */
export function errorResponse(locale: Locale, status: number, code: string, key: ErrorKey, headers: Record<string, string> = {}): Response {
  return Response.json({ error: { code, message: errorMessage(locale, key) } }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** An unexpected failure: 503 when the database is down (clients retry), else logged and 500. */
export function failureResponse(error: unknown, locale: Locale, where: string, requestId?: string): Response {
  if (isDatabaseDown(error)) return errorResponse(locale, 503, "SERVICE_UNAVAILABLE", "unavailable", { "Retry-After": "5" });
  console.error(`[attachments] ${where}${requestId ? ` request=${requestId}` : ""}`, error);
  return errorResponse(locale, 500, "INTERNAL_SERVER_ERROR", "server");
}

/** The caller's language: the language switch's NEXT_LOCALE cookie ("en"), Chinese otherwise. */
export function requestLocale(request: Request): Locale {
  const match = /(?:^|;\s*)NEXT_LOCALE=([^;]*)/.exec(request.headers.get("cookie") ?? "");
  return parseLocale(request.headers.get("x-locale") ?? match?.[1]);
}
