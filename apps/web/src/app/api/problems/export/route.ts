import { can } from "@dm/api/domain/roles";
import { problemWorkbook } from "@dm/api";
import { problemFilterInput } from "@dm/api/schemas/problem";
import { parseProblemSearch } from "@/app/(app)/problems/params";
import { exportDownload } from "../../exports/_download";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * 导出问题清单 (.xlsx): the ledger under the same filters as the page (its query string), limited
 * to the caller's scope like every read.
 */
export async function GET(request: Request): Promise<Response> {
  const { page: _page, ...filters } = parseProblemSearch(new URL(request.url).searchParams);
  return exportDownload(
    request,
    async (api) => {
      const rows = await api.problem.exportRows(problemFilterInput.parse(filters));
      return { name: "问题清单", bytes: await problemWorkbook(rows, { title: "问题清单", generatedAt: new Date() }) };
    },
    (viewer) => can(viewer.role, "problem.read"),
  );
}
