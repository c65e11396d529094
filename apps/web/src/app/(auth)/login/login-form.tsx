"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass, inputClass } from "@/components/ui";

/** Turns the code the server put on a refused sign-in into a sentence. */
function useRefusalMessage() {
  const t = useTranslations("login");
  return (code: string | undefined) => {
    const throttled = /^throttled_(\d+)$/.exec(code ?? "");
    if (throttled) return t("throttled", { minutes: Number(throttled[1]) });
    if (code === "disabled") return t("disabled");
    if (code === "unavailable") return t("unavailable");
    if (code === "invalid" || code === "credentials") return t("invalid");
    return t("failed");
  };
}

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("login");
  const refusal = useRefusalMessage();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const identifier = String(form.get("identifier") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!identifier || !password) {
      setError(t("required"));
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { identifier, password, redirect: false });
      if (result?.error) {
        setError(refusal(result.code));
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError(t("failed"));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      {error ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </div>
      ) : null}
      <div>
        <label htmlFor="identifier" className="mb-1 block text-sm font-medium text-slate-700">
          {t("identifier")}
        </label>
        <input id="identifier" name="identifier" autoComplete="username" autoCapitalize="none" required maxLength={64} placeholder={t("identifierPlaceholder")} className={inputClass} />
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block text-sm font-medium text-slate-700">
          {t("password")}
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required maxLength={256} placeholder={t("passwordPlaceholder")} className={inputClass} />
      </div>
      <button type="submit" disabled={pending} className={`${buttonClass.primary} w-full py-2.5`}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
