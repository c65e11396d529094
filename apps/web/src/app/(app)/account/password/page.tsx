import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui";
import { withClientMessages } from "@/i18n/client-messages";
import { PasswordForm } from "./password-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

async function PasswordPage() {
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

export default withClientMessages(["account"], PasswordPage);
