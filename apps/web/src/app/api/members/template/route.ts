import { writeRosterTemplate } from "@dm/api/domain/member-workbook";
import { workbookDownload } from "../_files";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** 导入模板: the columns, drop-down lists, and the committees the caller may put members in. */
export async function GET(request: Request): Promise<Response> {
  return workbookDownload(request, "委员导入模板", async (api) => writeRosterTemplate((await api.member.committeeChoices()).map((c) => c.name)));
}
