import { useTranslations } from "next-intl";
import { formatRate } from "./labels";

export interface AdoptionTally {
  adopted: number;
  partlyAdopted: number;
  notAdopted: number;
  unanswered: number;
  rate: number | null;
}

/** The adoption rate as a figure, with the formula and the counts it comes from. */
export function AdoptionRate({ tally, className }: { tally: AdoptionTally; className?: string }) {
  const t = useTranslations("groups.rate");
  const answered = tally.adopted + tally.partlyAdopted + tally.notAdopted;
  return (
    <div className={className}>
      <p className="text-sm text-slate-500">{t("label")}</p>
      <p className="mt-1 text-3xl font-semibold tabular-nums text-slate-900" data-testid="adoption-rate">
        {formatRate(tally.rate) ?? t("none")}
      </p>
      <p className="mt-1 text-xs text-slate-600" data-testid="adoption-counts">
        {t("counts", { answered, adopted: tally.adopted, partly: tally.partlyAdopted, not: tally.notAdopted, unanswered: tally.unanswered })}
      </p>
      <p className="mt-1 text-xs text-slate-500">{t("hint")}</p>
    </div>
  );
}
