"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ChangePasswordInput } from "@dm/api/schemas/account";
import { buttonClass, inputClass } from "@/components/ui";
import { signOutAfterPasswordChange } from "@/server/actions";
import { useCall } from "@/trpc/lazy";

const FIELDS = [
  { name: "currentPassword", label: "current", autoComplete: "current-password" },
  { name: "newPassword", label: "new", autoComplete: "new-password" },
  { name: "confirmPassword", label: "confirm", autoComplete: "new-password" },
] as const;

export function PasswordForm() {
  const t = useTranslations("account");
  const [values, setValues] = useState<ChangePasswordInput>({ currentPassword: "", newPassword: "", confirmPassword: "" });
  // Success signs the session out (to /login): nothing here to render again.
  const change = useCall((client, input: ChangePasswordInput) => client.account.changePassword.mutate(input), { onSuccess: () => signOutAfterPasswordChange(), refresh: false });
  const fieldErrors = change.error?.data?.fieldErrors ?? {};
  const formError = change.error && Object.keys(fieldErrors).length === 0 ? change.error.message : null;

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        change.mutate(values);
      }}
    >
      {formError ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          {formError}
        </div>
      ) : null}
      {FIELDS.map((f) => {
        const errors = fieldErrors[f.name];
        return (
          <div key={f.name}>
            <label htmlFor={f.name} className="mb-1 block text-sm font-medium text-slate-700">
              {t(f.label)}
            </label>
            <input
              id={f.name}
              name={f.name}
              type="password"
              autoComplete={f.autoComplete}
              value={values[f.name]}
              onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
              aria-invalid={Boolean(errors)}
              aria-describedby={errors ? `${f.name}-error` : undefined}
              className={inputClass}
            />
            {errors ? (
              <p id={`${f.name}-error`} className="mt-1 text-sm text-red-600">
                {errors[0]}
              </p>
            ) : null}
          </div>
        );
      })}
      <button type="submit" disabled={change.isPending || change.isSuccess} className={buttonClass.primary}>
        {change.isPending || change.isSuccess ? t("saving") : t("submit")}
      </button>
    </form>
  );
}
