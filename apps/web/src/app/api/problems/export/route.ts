import { ledgerForExport, problemWorkbook } from "@dm/api";
import { can } from "@dm/api/domain/roles";
import { problemFilterInput } from "@dm/api/schemas/problem";
import { parseProblemSearch } from "@/app/(app)/problems/params";
import { contentDisposition } from "../../attachments/_disposition";
import { errorResponse, failureResponse, requestContext, requestLocale } from "../../attachments/_shared";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** China's calendar day, for the file name. */
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());

/**
 * 导出问题清单 (.xlsx): the ledger under the same filters as the page (its query string), limited
 * to the caller's scope like every read.
 */
export async function GET(request: Request): Promise<Response> {
  const locale = requestLocale(request);
  try {
    const { viewer, db } = await requestContext(request);
    if (!viewer) return errorResponse(locale, 401, "UNAUTHORIZED", "unauthorized");
    if (!can(viewer.role, "problem.read")) return errorResponse(locale, 404, "NOT_FOUND", "notFound");
    const { page: _page, ...filters } = parseProblemSearch(new URL(request.url).searchParams);
    const rows = await ledgerForExport(db, viewer, problemFilterInput.parse(filters));
    const buffer = await problemWorkbook(rows, { title: "问题清单", generatedAt: new Date() });
    return new Response(new Uint8Array(buffer), {
      status: 200,
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": contentDisposition("attachment", `问题清单-${today()}.xlsx`),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    return failureResponse(error, locale, "problem export");
  }
}
