import { useTranslations } from "next-intl";
import { useMonthLabel } from "@/components/monthly/month";
import { buttonClass, inputClass, labelClass } from "@/components/ui";

/**
 * The campaign and month: a plain GET form, so it works before (and without) JavaScript. A month
 * that does not belong to the newly chosen campaign falls back to that campaign's default.
 */
export function PeriodForm({
  campaigns,
  campaignId,
  months,
  month,
  action = "/dashboard",
  extra,
}: {
  campaigns: { id: number; title: string }[];
  campaignId: number;
  months: string[];
  month: string;
  action?: string;
  extra?: React.ReactNode;
}) {
  const t = useTranslations("dashboard");
  const monthLabel = useMonthLabel();
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-3 print:hidden" aria-label={t("period")}>
      <div className="w-full sm:w-auto sm:min-w-0 sm:max-w-md sm:flex-1">
        <label htmlFor="dashboard-campaign" className={labelClass}>
          {t("campaign")}
        </label>
        <select id="dashboard-campaign" name="campaign" defaultValue={campaignId} className={inputClass}>
          {campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </div>
      {extra}
      <div className="w-36">
        <label htmlFor="dashboard-month" className={labelClass}>
          {t("month")}
        </label>
        <select id="dashboard-month" name="month" defaultValue={month} className={inputClass}>
          {months.map((m) => (
            <option key={m} value={m}>
              {monthLabel(m)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass.secondary}>
        {t("show")}
      </button>
    </form>
  );
}
