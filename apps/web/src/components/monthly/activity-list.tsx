import { useFormatter, useTranslations } from "next-intl";
import type { ActivityType } from "@dm/db/enums";
import { EmptyState } from "@/components/ui";

export interface ListedActivity {
  id: number;
  title: string;
  type: ActivityType;
  startsAt: Date;
  place: string;
  committeeName?: string;
}

/**
 * Held activities as a list: title, type, date, place and (when several committees are mixed)
 * the organiser. Cards on phones (and always when `compact`, for a side column), a table from md up.
 */
export function ActivityList({ items, empty, emptyHint, compact }: { items: readonly ListedActivity[]; empty: string; emptyHint?: string; compact?: boolean }) {
  const t = useTranslations("coverage");
  const format = useFormatter();
  const when = (d: Date) => format.dateTime(d, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false });
  const showOrganiser = items.some((a) => a.committeeName);
  if (items.length === 0) return <EmptyState title={empty} hint={emptyHint} />;
  return (
    <>
      <ul className={compact ? "divide-y divide-slate-100" : "divide-y divide-slate-100 md:hidden"}>
        {items.map((a) => (
          <li key={a.id} className="px-4 py-3">
            <p className="font-medium text-slate-900">{a.title}</p>
            <p className="mt-1 text-xs text-slate-500">
              {t(`types.${a.type}`)} · <span className="tabular-nums">{when(a.startsAt)}</span>
            </p>
            <p className="mt-0.5 text-xs text-slate-500">
              {a.place}
              {showOrganiser ? ` · ${a.committeeName}` : null}
            </p>
          </li>
        ))}
      </ul>
      {compact ? null : (
        <div className="hidden overflow-x-auto md:block">
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-slate-500">
              <tr className="border-b border-slate-100">
                <th scope="col" className="px-4 py-2.5 font-medium">
                  {t("activity")}
                </th>
                <th scope="col" className="px-3 py-2.5 font-medium whitespace-nowrap">
                  {t("type")}
                </th>
                <th scope="col" className="px-3 py-2.5 font-medium whitespace-nowrap">
                  {t("date")}
                </th>
                <th scope="col" className="px-3 py-2.5 font-medium">
                  {t("place")}
                </th>
                {showOrganiser ? (
                  <th scope="col" className="px-3 py-2.5 font-medium whitespace-nowrap">
                    {t("organiser")}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((a) => (
                <tr key={a.id}>
                  <td className="px-4 py-2.5 font-medium text-slate-900">{a.title}</td>
                  <td className="px-3 py-2.5 whitespace-nowrap">{t(`types.${a.type}`)}</td>
                  <td className="px-3 py-2.5 whitespace-nowrap tabular-nums">{when(a.startsAt)}</td>
                  <td className="px-3 py-2.5">{a.place}</td>
                  {showOrganiser ? <td className="px-3 py-2.5 whitespace-nowrap">{a.committeeName}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
