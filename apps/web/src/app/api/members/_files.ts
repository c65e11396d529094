import "server-only";
import { TRPCError } from "@trpc/server";
import { createTranslator } from "next-intl";
import { isDatabaseDown, type Locale } from "@dm/api";
import { MESSAGES } from "../../../../messages";
import { contentDisposition } from "../attachments/_disposition";
import { requestContext, requestLocale } from "../attachments/_shared";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Today in China as YYYYMMDD, for file names. */
function stamp(): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(new Date()).replaceAll("-", "");
}

function errorResponse(locale: Locale, status: number, key: "unauthorized" | "forbidden" | "server" | "unavailable"): Response {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "rosterFiles.errors" });
  return new Response(t(key), { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/**
 * A roster workbook made for the signed-in caller by `build` (which calls the API as them, so the
 * capability and scope checks are the procedures' own), sent as a download named `<name>-<date>.xlsx`.
 */
export async function workbookDownload(request: Request, name: string, build: (api: Awaited<ReturnType<typeof requestContext>>["api"]) => Promise<Uint8Array>): Promise<Response> {
  const locale = requestLocale(request);
  try {
    const { viewer, api } = await requestContext(request);
    if (!viewer) return errorResponse(locale, 401, "unauthorized");
    const bytes = await build(api);
    return new Response(Buffer.from(bytes), {
      status: 200,
      headers: {
        "Content-Type": XLSX,
        "Content-Disposition": contentDisposition("attachment", `${name}-${stamp()}.xlsx`),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return errorResponse(locale, 403, "forbidden");
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return errorResponse(locale, 401, "unauthorized");
    if (isDatabaseDown(error) || isDatabaseDown((error as { cause?: unknown }).cause)) return errorResponse(locale, 503, "unavailable");
    console.error(`[members] ${name}`, error);
    return errorResponse(locale, 500, "server");
  }
}
