import "server-only";
import { TRPCError } from "@trpc/server";
import { createTranslator } from "next-intl";
import { errorText, isDatabaseDown, type Locale, type Viewer } from "@dm/api";
import type { ExportFile } from "@dm/api/exports/workbook";
import { XLSX_CONTENT_TYPE } from "@dm/api/exports/workbook";
import { MESSAGES } from "../../../../messages";
import { contentDisposition } from "../attachments/_disposition";
import { requestContext, requestLocale } from "../attachments/_shared";

type Api = Awaited<ReturnType<typeof requestContext>>["api"];

/** Today in China as YYYYMMDD, for file names. */
function stamp(): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(new Date()).replaceAll("-", "");
}

const NO_STORE = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };

/** A plain-text answer in the caller's language: what a browser shows when a download link fails. */
function textResponse(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...NO_STORE, ...headers } });
}

function message(locale: Locale, key: "unauthorized" | "forbidden" | "server" | "unavailable"): string {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: "exports.errors" })(key);
}

/** Procedure errors a person can act on, with the status a download answers. */
const STATUS_OF: Partial<Record<TRPCError["code"], number>> = { BAD_REQUEST: 400, NOT_FOUND: 404, PAYLOAD_TOO_LARGE: 413 };

/**
 * Sends the workbook `build` makes for the signed-in caller as `<name>-<YYYYMMDD>.xlsx`.
 * `build` reads through `api`, the caller's in-process tRPC caller, so the capability and scope
 * checks are the procedures' own; `allowed` refuses a role up front (403) before any query.
 */
export async function exportDownload(request: Request, build: (api: Api, viewer: Viewer) => Promise<ExportFile>, allowed: (viewer: Viewer) => boolean = () => true): Promise<Response> {
  const locale = requestLocale(request);
  try {
    const { viewer, api } = await requestContext(request);
    if (!viewer) return textResponse(401, message(locale, "unauthorized"));
    if (!allowed(viewer)) return textResponse(403, message(locale, "forbidden"));
    const file = await build(api, viewer);
    return new Response(Buffer.from(file.bytes), {
      status: 200,
      headers: { "Content-Type": XLSX_CONTENT_TYPE, "Content-Disposition": contentDisposition("attachment", `${file.name}-${stamp()}.xlsx`), ...NO_STORE },
    });
  } catch (error) {
    if (error instanceof TRPCError) {
      if (error.code === "UNAUTHORIZED") return textResponse(401, message(locale, "unauthorized"));
      if (error.code === "FORBIDDEN") return textResponse(403, message(locale, "forbidden"));
      const status = STATUS_OF[error.code];
      if (status) return textResponse(status, errorText(error, locale));
    }
    const cause = (error as { cause?: unknown }).cause;
    if (isDatabaseDown(error) || isDatabaseDown(cause)) return textResponse(503, message(locale, "unavailable"), { "Retry-After": "5" });
    console.error(`[exports] ${new URL(request.url).pathname}`, error);
    return textResponse(500, message(locale, "server"));
  }
}
