import { can } from "@dm/api/domain/roles";
import { writeRosterTemplate } from "@dm/api/domain/member-workbook";
import { exportDownload } from "../../exports/_download";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** 导入模板: the columns, drop-down lists, and the committees the caller may put members in. */
export async function GET(request: Request): Promise<Response> {
  return exportDownload(
    request,
    async (api) => ({ name: "委员导入模板", bytes: await writeRosterTemplate((await api.member.committeeChoices()).map((c) => c.name)) }),
    (viewer) => can(viewer.role, "member.write"),
  );
}
