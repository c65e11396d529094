import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui";
import { PasswordForm } from "./password-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

export default async function PasswordPage() {
  const t = await getTranslations("account");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card className="max-w-lg p-5">
        <PasswordForm />
      </Card>
    </>
  );
}
