import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui";

/** What a task page shows while the server prepares it (slow phone networks). */
export async function PageLoading() {
  const t = await getTranslations("common");
  return (
    <div aria-busy="true">
      <div className="mb-5 h-8 w-48 animate-pulse rounded bg-slate-200" />
      <Card>
        <div className="space-y-3 p-5">
          <div className="h-4 w-2/3 animate-pulse rounded bg-slate-100" />
          <div className="h-4 w-1/2 animate-pulse rounded bg-slate-100" />
          <div className="h-4 w-3/4 animate-pulse rounded bg-slate-100" />
          <p className="pt-2 text-sm text-slate-500" role="status">
            {t("loading")}
          </p>
        </div>
      </Card>
    </div>
  );
}
