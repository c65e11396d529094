import { can } from "@dm/api/domain/roles";
import { writeRosterFile } from "@dm/api/domain/member-workbook";
import { parseMemberSearch } from "@/app/(app)/members/params";
import { exportDownload } from "../../exports/_download";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** 导出: the roster as the list shows it (same query string: search, committee, sector, level, status), all pages. */
export async function GET(request: Request): Promise<Response> {
  const { page: _page, pageSize: _size, ...filters } = parseMemberSearch(new URL(request.url).searchParams);
  return exportDownload(
    request,
    async (api) => ({ name: "委员名册", bytes: await writeRosterFile(await api.member.exportRows(filters), filters.search ? [`搜索：${filters.search}`] : []) }),
    (viewer) => can(viewer.role, "member.write"),
  );
}
