import { TRPCError } from "@trpc/server";
import { can, CITY_ROLES, roleAllows } from "@dm/api/domain/roles";
import { activitiesExport } from "@dm/api/exports/activities";
import { coverageExport } from "@dm/api/exports/coverage";
import { monthlyReportsExport } from "@dm/api/exports/monthly-reports";
import { pointsExport } from "@dm/api/exports/points";
import { tasksExport } from "@dm/api/exports/tasks";
import { parseActivitySearch } from "@/components/activities/params";
import { resolvePeriod } from "@/app/(app)/coverage/params";
import { resolveReportPeriod } from "@/app/(app)/monthly-reports/params";
import { parseRankingSearch } from "@/app/(app)/participation/params";
import { parseTaskSearch } from "@/app/(app)/tasks/params";
import type { Viewer } from "@dm/api";
import { exportDownload } from "../_download";
import { EXPORT_KINDS, type ExportKind } from "@/components/export-kinds";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Build = Parameters<typeof exportDownload>[1];

/**
 * Each export reads its page's query string with the page's own parser, so a download holds
 * what the page shows under the same filters (all pages of it), and calls the page's procedure.
 */
const EXPORTS: Record<ExportKind, { allowed: (viewer: Viewer) => boolean; build: (params: URLSearchParams) => Build }> = {
  tasks: {
    allowed: (v) => roleAllows(v.role, CITY_ROLES),
    build: (params) => (api) => {
      const { page: _page, ...filters } = parseTaskSearch(params);
      return tasksExport(api, filters);
    },
  },
  activities: {
    allowed: (v) => can(v.role, "activity.organise"),
    build: (params) => (api) => {
      const { page: _page, ...filters } = parseActivitySearch(params);
      return activitiesExport(api, filters);
    },
  },
  coverage: {
    allowed: (v) => can(v.role, "coverage.read"),
    build: (params) => async (api) => coverageExport(api, resolvePeriod(params, await api.campaign.list())),
  },
  "monthly-reports": {
    allowed: (v) => can(v.role, "coverage.read"),
    build: (params) => async (api) => {
      const period = resolveReportPeriod(params, await api.campaign.list());
      // No campaign to report on: the page shows an empty state and offers no export.
      if (!period) throw new TRPCError({ code: "NOT_FOUND" });
      return monthlyReportsExport(api, { campaignId: period.campaignId, month: period.month });
    },
  },
  points: {
    allowed: (v) => can(v.role, "participation.read"),
    build: (params) => (api) => {
      const { page: _page, ...input } = parseRankingSearch(params);
      return pointsExport(api, input);
    },
  },
};

/** GET /api/exports/<kind>?<the page's filters>: the page's data as an .xlsx file. */
export async function GET(request: Request, { params }: { params: Promise<{ kind: string }> }): Promise<Response> {
  const { kind } = await params;
  if (!(EXPORT_KINDS as readonly string[]).includes(kind)) return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  const entry = EXPORTS[kind as ExportKind];
  return exportDownload(request, entry.build(new URL(request.url).searchParams), entry.allowed);
}
