import { writeRosterFile } from "@dm/api/domain/member-workbook";
import { parseMemberSearch } from "@/app/(app)/members/params";
import { workbookDownload } from "../_files";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** 导出: the roster as the list shows it (same query string: search, committee, sector, level, status), all pages. */
export async function GET(request: Request): Promise<Response> {
  const { page: _page, pageSize: _size, ...filters } = parseMemberSearch(new URL(request.url).searchParams);
  return workbookDownload(request, "委员名册", async (api) => writeRosterFile(await api.member.exportRows(filters)));
}
