"use client";

import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { Send } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { PROBLEM_CATEGORIES, type ProblemCategory } from "@dm/db/enums";
import { AttachmentUploader, type UploadedFile } from "@/components/attachments/attachment-uploader";
import { describedBy, Field } from "@/components/tasks/field";
import { MutationError } from "@/components/tasks/mutation-error";
import { fieldErrorsOf } from "@/components/tasks/errors";
import { buttonClass, Card, CardHeader, inputClass } from "@/components/ui";
import { useTRPC } from "@/trpc/react";

/** What the form sends: the fields of problem.create (and of tip.convert's `problem`). */
export interface ProblemValues {
  title: string;
  description: string;
  category: ProblemCategory;
  location: string;
  latitude: number | null;
  longitude: number | null;
  committeeId: number;
  departmentId: number | null;
  deadline: string | null;
  attachmentIds: number[];
}

export interface ProblemFormInitial {
  title?: string;
  description?: string;
  location?: string;
  committeeId?: number | null;
}

interface ErrorLike {
  message: string;
  data?: { code?: string; fieldErrors?: Record<string, string[]> } | null;
}

/**
 * 登记问题: what, where (the area in scope, a text location, optional coordinates), the
 * responsible department (registers of the area and above) and deadline, and evidence files.
 * The parent owns the mutation; field errors come back from the server per field (under
 * `errorPrefix` for tip conversion).
 */
export function ProblemForm({
  initial = {},
  submitLabel,
  pending,
  error,
  errorPrefix = "",
  onSubmit,
  children,
}: {
  initial?: ProblemFormInitial;
  submitLabel: string;
  pending: boolean;
  error: ErrorLike | null;
  errorPrefix?: string;
  onSubmit: (values: ProblemValues) => void;
  /** Shown above the fields (the source of the problem). */
  children?: React.ReactNode;
}) {
  const t = useTranslations("problems");
  const tw = useTranslations("work");
  const tc = useTranslations("problemCategory");
  const trpc = useTRPC();
  const { data: tree } = useSuspenseQuery(trpc.committee.tree.queryOptions());
  const [title, setTitle] = useState(initial.title ?? "");
  const [description, setDescription] = useState(initial.description ?? "");
  const [category, setCategory] = useState<ProblemCategory | "">("");
  const [location, setLocation] = useState(initial.location ?? "");
  const [latitude, setLatitude] = useState("");
  const [longitude, setLongitude] = useState("");
  // A county or township works in its own area by default; the city chooses.
  const [committeeId, setCommitteeId] = useState<number | null>(initial.committeeId ?? (tree[0] && tree[0].level !== "city" ? tree[0].id : null));
  const [departmentId, setDepartmentId] = useState<number | null>(null);
  const [deadline, setDeadline] = useState("");
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [missing, setMissing] = useState<string[]>([]);
  const { data: departments } = useQuery({ ...trpc.problem.departments.queryOptions({ committeeId: committeeId ?? 0 }), enabled: committeeId !== null });

  const errs = (name: string) => [...(missing.includes(name) ? [tw("required")] : []), ...fieldErrorsOf(error, `${errorPrefix}${name}`)];
  const fieldNames = ["title", "description", "category", "location", "latitude", "longitude", "committeeId", "departmentId", "deadline", "attachmentIds"];
  const hasFieldErrors = fieldNames.some((n) => fieldErrorsOf(error, `${errorPrefix}${n}`).length > 0);
  const number = (s: string) => (s.trim() === "" ? null : Number(s));

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const need: string[] = [];
    if (!title.trim()) need.push("title");
    if (!description.trim()) need.push("description");
    if (!category) need.push("category");
    if (!location.trim()) need.push("location");
    if (committeeId === null) need.push("committeeId");
    setMissing(need);
    if (need.length || !category || committeeId === null) return;
    onSubmit({
      title,
      description,
      category,
      location,
      latitude: number(latitude),
      longitude: number(longitude),
      committeeId,
      departmentId,
      deadline: deadline || null,
      attachmentIds: files.map((f) => f.id),
    });
  }

  return (
    <form noValidate onSubmit={submit} className="space-y-5">
      {children}
      <Card>
        <CardHeader title={t("form.what")} />
        <div className="grid grid-cols-1 gap-4 p-4 sm:grid-cols-2 sm:p-5">
          <Field id="problem-title" label={t("form.title")} required errors={errs("title")} className="sm:col-span-2">
            <input id="problem-title" className={inputClass} maxLength={120} value={title} placeholder={t("form.titlePlaceholder")} onChange={(e) => setTitle(e.target.value)} {...describedBy("problem-title", { errors: errs("title") })} />
          </Field>
          <Field id="problem-description" label={t("form.description")} required errors={errs("description")} className="sm:col-span-2">
            <textarea
              id="problem-description"
              rows={5}
              maxLength={5000}
              className={inputClass}
              value={description}
              placeholder={t("form.descriptionPlaceholder")}
              onChange={(e) => setDescription(e.target.value)}
              {...describedBy("problem-description", { errors: errs("description") })}
            />
          </Field>
          <Field id="problem-category" label={t("category")} required errors={errs("category")}>
            <select id="problem-category" className={inputClass} value={category} onChange={(e) => setCategory(e.target.value as ProblemCategory | "")} {...describedBy("problem-category", { errors: errs("category") })}>
              <option value="">{t("form.choose")}</option>
              {PROBLEM_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {tc(c)}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </Card>

      <Card>
        <CardHeader title={t("form.where")} />
        <div className="grid grid-cols-1 gap-4 p-4 sm:grid-cols-2 sm:p-5">
          <Field id="problem-committee" label={t("area")} required hint={t("form.areaHint")} errors={errs("committeeId")}>
            <select
              id="problem-committee"
              className={inputClass}
              value={committeeId ?? ""}
              onChange={(e) => {
                setCommitteeId(e.target.value ? Number(e.target.value) : null);
                setDepartmentId(null);
              }}
              {...describedBy("problem-committee", { hint: true, errors: errs("committeeId") })}
            >
              <option value="">{t("form.chooseArea")}</option>
              {tree.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.level === "township" ? `\u3000${c.name}` : c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="problem-location" label={t("form.location")} required errors={errs("location")}>
            <input id="problem-location" className={inputClass} maxLength={200} value={location} placeholder={t("form.locationPlaceholder")} onChange={(e) => setLocation(e.target.value)} {...describedBy("problem-location", { errors: errs("location") })} />
          </Field>
          <Field id="problem-latitude" label={t("form.latitude")} hint={t("form.coordinatesHint")} errors={errs("latitude")}>
            <input id="problem-latitude" type="number" inputMode="decimal" step="any" min={-90} max={90} className={inputClass} value={latitude} placeholder="27.83" onChange={(e) => setLatitude(e.target.value)} {...describedBy("problem-latitude", { hint: true, errors: errs("latitude") })} />
          </Field>
          <Field id="problem-longitude" label={t("form.longitude")} errors={errs("longitude")}>
            <input id="problem-longitude" type="number" inputMode="decimal" step="any" min={-180} max={180} className={inputClass} value={longitude} placeholder="113.13" onChange={(e) => setLongitude(e.target.value)} {...describedBy("problem-longitude", { errors: errs("longitude") })} />
          </Field>
        </div>
      </Card>

      <Card>
        <CardHeader title={t("form.responsibility")} />
        <div className="grid grid-cols-1 gap-4 p-4 sm:grid-cols-2 sm:p-5">
          <Field id="problem-department" label={t("department")} hint={t("form.departmentHint")} errors={errs("departmentId")}>
            <select
              id="problem-department"
              className={inputClass}
              value={departmentId ?? ""}
              disabled={committeeId === null}
              onChange={(e) => setDepartmentId(e.target.value ? Number(e.target.value) : null)}
              {...describedBy("problem-department", { hint: true, errors: errs("departmentId") })}
            >
              <option value="">{committeeId === null ? t("form.chooseAreaFirst") : t("form.noDepartmentYet")}</option>
              {departments?.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.committeeName} · {d.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="problem-deadline" label={t("deadline")} hint={t("form.deadlineHint")} errors={errs("deadline")}>
            <input id="problem-deadline" type="date" className={inputClass} value={deadline} onChange={(e) => setDeadline(e.target.value)} {...describedBy("problem-deadline", { hint: true, errors: errs("deadline") })} />
          </Field>
          <div className="sm:col-span-2">
            <p className="mb-1 text-sm font-medium text-slate-700">{t("form.evidence")}</p>
            <AttachmentUploader value={files} onChange={setFiles} />
            {errs("attachmentIds").length ? <p className="mt-1 text-sm text-red-600">{errs("attachmentIds").join("；")}</p> : null}
          </div>
        </div>
      </Card>

      {error && !hasFieldErrors ? <MutationError error={error} /> : null}
      <div className="flex justify-end">
        <button type="submit" className={buttonClass.primary} disabled={pending}>
          <Send className="h-4 w-4" aria-hidden />
          {pending ? tw("working") : submitLabel}
        </button>
      </div>
    </form>
  );
}
