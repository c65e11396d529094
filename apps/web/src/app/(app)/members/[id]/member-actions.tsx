"use client";

import { useMutation } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { KeyRound, RotateCcw, UserCheck, UserX } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { AppRouter } from "@dm/api";
import { ConfirmDialog } from "@/components/tasks/confirm-dialog";
import { describedBy, Field } from "@/components/tasks/field";
import { fieldErrorsOf, isConflict } from "@/components/tasks/errors";
import type { Notice } from "@/components/tasks/review-actions";
import { Alert, buttonClass, inputClass } from "@/components/ui";
import { useTRPC } from "@/trpc/react";

type Member = inferRouterOutputs<AppRouter>["member"]["byId"];
interface ActionProps {
  member: Member;
  onNotice: (notice: Notice | null) => void;
  onDone: () => Promise<unknown>;
}

/** 停用 / 恢复, each after a confirmation; a concurrent change (CONFLICT) closes the dialog and reloads. */
export function StatusAction({ member, onNotice, onDone }: ActionProps) {
  const t = useTranslations("memberDetail");
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const action = member.active ? "deactivate" : "reactivate";
  const options = {
    onSuccess: () => {
      setOpen(false);
      onNotice({ tone: "success" as const, text: t(action === "deactivate" ? "deactivated" : "reactivated", { name: member.name }) });
      void onDone();
    },
    onError: (error: { message: string; data?: { code?: string } | null }) => {
      if (!isConflict(error)) return;
      setOpen(false);
      onNotice({ tone: "error", text: error.message });
      void onDone();
    },
  };
  const deactivate = useMutation(trpc.member.deactivate.mutationOptions(options));
  const reactivate = useMutation(trpc.member.reactivate.mutationOptions(options));
  const mutation = action === "deactivate" ? deactivate : reactivate;

  return (
    <>
      <button
        type="button"
        className={action === "deactivate" ? buttonClass.danger : buttonClass.secondary}
        onClick={() => {
          mutation.reset();
          onNotice(null);
          setOpen(true);
        }}
      >
        {action === "deactivate" ? <UserX className="h-4 w-4" aria-hidden /> : <UserCheck className="h-4 w-4" aria-hidden />}
        {t(action)}
      </button>
      <ConfirmDialog
        open={open}
        title={t(`${action}Title`, { name: member.name })}
        description={t(`${action}Body`)}
        confirmLabel={t(`${action}Confirm`)}
        tone={action === "deactivate" ? "danger" : "primary"}
        pending={mutation.isPending}
        onConfirm={() => mutation.mutate({ id: member.id, version: member.version })}
        onClose={() => setOpen(false)}
      >
        {mutation.error && !isConflict(mutation.error) ? <Alert>{mutation.error.message}</Alert> : null}
      </ConfirmDialog>
    </>
  );
}

/**
 * 开通登录账号 (username: the phone or one chosen; password typed or generated) and 重置密码.
 * A generated password is shown once, in its own dialog, and never again.
 */
export function SignInActions({ member, onNotice, onDone }: ActionProps) {
  const t = useTranslations("memberDetail");
  const trpc = useTRPC();
  const [dialog, setDialog] = useState<"create" | "reset" | null>(null);
  const [username, setUsername] = useState("");
  const [mode, setMode] = useState<"generate" | "type">("generate");
  const [password, setPassword] = useState("");
  const [credentials, setCredentials] = useState<{ username: string; password: string } | null>(null);
  const [copied, setCopied] = useState(false);

  const done = (result: { username: string; password: string | null }, text: string) => {
    setDialog(null);
    setPassword("");
    onNotice({ tone: "success", text });
    if (result.password) setCredentials({ username: result.username, password: result.password });
    void onDone();
  };
  const create = useMutation(trpc.member.createSignIn.mutationOptions({ onSuccess: (r) => done(r, t("createdNotice", { name: member.name })) }));
  const reset = useMutation(trpc.member.resetPassword.mutationOptions({ onSuccess: (r) => done(r, t("resetNotice", { name: member.name })) }));
  const mutation = dialog === "reset" ? reset : create;
  const usernameErrors = fieldErrorsOf(create.error, "username");
  const passwordErrors = fieldErrorsOf(mutation.error, "password");
  const otherError = mutation.error && usernameErrors.length === 0 && passwordErrors.length === 0 ? mutation.error.message : null;

  const open = (which: "create" | "reset") => {
    create.reset();
    reset.reset();
    onNotice(null);
    setMode("generate");
    setPassword("");
    setUsername("");
    setDialog(which);
  };
  const submit = () => {
    const typed = mode === "type" ? password : undefined;
    if (dialog === "create") create.mutate({ id: member.id, username: username.trim() || undefined, password: typed });
    else reset.mutate({ id: member.id, password: typed });
  };

  return (
    <>
      {member.account ? (
        <button type="button" className={buttonClass.secondary} onClick={() => open("reset")}>
          <RotateCcw className="h-4 w-4" aria-hidden />
          {t("resetPassword")}
        </button>
      ) : (
        <button type="button" className={buttonClass.primary} onClick={() => open("create")}>
          <KeyRound className="h-4 w-4" aria-hidden />
          {t("createSignIn")}
        </button>
      )}

      <ConfirmDialog
        open={dialog !== null}
        title={dialog === "reset" ? t("resetPasswordTitle", { name: member.name }) : t("createSignInTitle", { name: member.name })}
        description={dialog === "reset" ? t("resetPasswordBody") : undefined}
        confirmLabel={dialog === "reset" ? t("resetConfirm") : t("createConfirm")}
        pending={mutation.isPending}
        onConfirm={submit}
        onClose={() => setDialog(null)}
      >
        {dialog === "create" ? (
          <Field id="signin-username" label={t("usernameField")} hint={t("usernameHint", { phone: member.phone })} errors={usernameErrors}>
            <input
              id="signin-username"
              className={inputClass}
              value={username}
              placeholder={member.phone}
              autoComplete="off"
              autoCapitalize="none"
              maxLength={32}
              onChange={(e) => setUsername(e.target.value)}
              {...describedBy("signin-username", { hint: true, errors: usernameErrors })}
            />
          </Field>
        ) : null}
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-700">{t(dialog === "reset" ? "newPasswordMode" : "passwordMode")}</legend>
          <div className="flex flex-col gap-1.5 text-sm sm:flex-row sm:gap-4">
            {(["generate", "type"] as const).map((m) => (
              <label key={m} className="flex items-center gap-2">
                <input type="radio" name="password-mode" className="h-4 w-4 accent-brand-700" checked={mode === m} onChange={() => setMode(m)} />
                {t(m === "generate" ? "passwordGenerate" : "passwordType")}
              </label>
            ))}
          </div>
        </fieldset>
        {mode === "type" ? (
          <Field id="signin-password" label={t("passwordField")} hint={t("passwordHint")} errors={passwordErrors}>
            <input
              id="signin-password"
              type="text"
              className={inputClass}
              value={password}
              autoComplete="new-password"
              maxLength={128}
              onChange={(e) => setPassword(e.target.value)}
              {...describedBy("signin-password", { hint: true, errors: passwordErrors })}
            />
          </Field>
        ) : null}
        {otherError ? <Alert>{otherError}</Alert> : null}
      </ConfirmDialog>

      <ConfirmDialog
        open={credentials !== null}
        title={t("credentialsTitle")}
        description={t("credentialsBody")}
        confirmLabel={t("close")}
        onConfirm={() => {
          setCredentials(null);
          setCopied(false);
        }}
        onClose={() => {
          setCredentials(null);
          setCopied(false);
        }}
      >
        {credentials ? (
          <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-slate-900">
            <p>{t("credentialsUsername", { username: credentials.username })}</p>
            <p className="mt-1 flex items-center gap-2">
              {t("credentialsPassword")}
              <code className="rounded bg-white px-1.5 py-0.5 font-mono text-base tracking-wider" data-testid="generated-password">
                {credentials.password}
              </code>
              <button
                type="button"
                className="text-xs text-brand-700 underline"
                onClick={() => void navigator.clipboard?.writeText(credentials.password).then(() => setCopied(true))}
              >
                {copied ? t("copied") : t("copy")}
              </button>
            </p>
          </div>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
