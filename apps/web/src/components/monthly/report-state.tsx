import { useTranslations } from "next-intl";
import type { ReportState } from "@dm/api/domain/monthly-report";
import { Badge, type BadgeTone } from "@/components/ui";

/** Submitted is done (green), late is done but flagged (gold), missing needs chasing (red), pending waits (grey). */
export const REPORT_STATE_TONES: Record<ReportState, BadgeTone> = {
  submitted: "green",
  late: "gold",
  missing: "red",
  pending: "slate",
};

export function ReportStateBadge({ state }: { state: ReportState }) {
  const t = useTranslations("monthlyReports.states");
  return <Badge tone={REPORT_STATE_TONES[state]}>{t(state)}</Badge>;
}
