import { getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader } from "@/components/ui";

/** The page a role may not use: its title and a plain "no access" message. */
export async function Forbidden({ title }: { title: string }) {
  const t = await getTranslations("errors");
  return (
    <>
      <PageHeader title={title} />
      <Card>
        <EmptyState title={t("forbiddenTitle")} hint={t("forbiddenBody")} />
      </Card>
    </>
  );
}
