"use client";

import { Camera, Send, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@dm/api";
import { TIP_LIMITS } from "@dm/api/domain/tip-limits";
import { formatSize } from "@/components/attachments/shared";
import { describedBy, Field } from "@/components/tasks/field";
import { Alert, buttonClass, Card, inputClass } from "@/components/ui";

const MAX_MB = TIP_LIMITS.maxPhotoBytes / 1024 / 1024;

interface Photo {
  key: string;
  file: File;
  preview: string;
}

/**
 * The public tip form, made for a phone: where (county, then optionally the township, and a
 * place in words), what, optional photos and contact. Everything goes in one request; the
 * answer is a reference code, shown on the status page. `website` is a honeypot: hidden from
 * people, left empty by them. The areas come from the page (server-rendered): a citizen's
 * phone gets no query client for one list.
 */
export function TipForm({ areas }: { areas: inferRouterOutputs<AppRouter>["tip"]["areas"] }) {
  const t = useTranslations("tipForm");
  const router = useRouter();
  const counties = useMemo(() => areas.filter((a) => a.level === "county"), [areas]);
  const [countyId, setCountyId] = useState<number | null>(null);
  const [townshipId, setTownshipId] = useState<number | null>(null);
  const [location, setLocation] = useState("");
  const [content, setContent] = useState("");
  const [contact, setContact] = useState("");
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const townships = areas.filter((a) => a.parentId === countyId && a.level === "township");

  // Previews are object URLs: let them go when a photo is removed or the form leaves.
  useEffect(() => () => photos.forEach((p) => URL.revokeObjectURL(p.preview)), [photos]);

  function addPhotos(list: FileList | null) {
    setPhotoError(null);
    const chosen = Array.from(list ?? []);
    const next = [...photos];
    for (const file of chosen) {
      if (next.length >= TIP_LIMITS.maxPhotos) {
        setPhotoError(t("errors.tooManyPhotos", { maxPhotos: TIP_LIMITS.maxPhotos }));
        break;
      }
      if (file.size > TIP_LIMITS.maxPhotoBytes) {
        setPhotoError(t("errors.photoTooLarge", { maxMb: MAX_MB }));
        continue;
      }
      if (!TIP_LIMITS.photoTypes.includes(file.type)) {
        setPhotoError(t("errors.photoType"));
        continue;
      }
      next.push({ key: `${Date.now()}-${Math.random()}`, file, preview: URL.createObjectURL(file) });
    }
    setPhotos(next);
  }

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const need: Record<string, string[]> = {};
    if (!countyId) need.committeeId = [t("required")];
    if (location.trim().length < 2) need.location = [location.trim() ? t("locationShort") : t("required")];
    if (content.trim().length < TIP_LIMITS.contentMin) need.content = [content.trim() ? t("contentShort", { min: TIP_LIMITS.contentMin }) : t("required")];
    setErrors(need);
    setFormError(null);
    if (Object.keys(need).length) return;
    const body = new FormData();
    body.set("committeeId", String(townshipId ?? countyId));
    body.set("location", location);
    body.set("content", content);
    body.set("contact", contact);
    body.set("website", String(new FormData(event.currentTarget).get("website") ?? ""));
    for (const p of photos) body.append("photo", p.file, p.file.name);
    setSending(true);
    try {
      const response = await fetch("/api/tips", { method: "POST", body });
      const answer = (await response.json().catch(() => null)) as { code?: string; error?: { message: string; fieldErrors?: Record<string, string[]> } } | null;
      if (response.ok && answer?.code) {
        router.push(`/tip/status?code=${encodeURIComponent(answer.code)}&new=1`);
        return;
      }
      setErrors(answer?.error?.fieldErrors ?? {});
      setFormError(answer?.error?.message ?? t("errors.network"));
      setSending(false);
    } catch {
      setFormError(t("errors.network"));
      setSending(false);
    }
  }

  const err = (name: string) => errors[name] ?? [];
  /** A field's error goes as soon as the field is edited. */
  const clear = (name: string) => setErrors(({ [name]: _gone, ...rest }) => rest);

  return (
    <form noValidate onSubmit={submit} className="mt-4 space-y-4">
      <Card className="space-y-4 p-4">
        <div className="grid grid-cols-2 gap-3">
          <Field id="tip-county" label={t("county")} required errors={err("committeeId")}>
            <select
              id="tip-county"
              className={inputClass}
              value={countyId ?? ""}
              onChange={(e) => {
                setCountyId(e.target.value ? Number(e.target.value) : null);
                setTownshipId(null);
                clear("committeeId");
              }}
              {...describedBy("tip-county", { errors: err("committeeId") })}
            >
              <option value="">{t("chooseCounty")}</option>
              {counties.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name.replace(/政协$/, "")}
                </option>
              ))}
            </select>
          </Field>
          <Field id="tip-township" label={t("township")}>
            <select id="tip-township" className={inputClass} value={townshipId ?? ""} disabled={!countyId} onChange={(e) => setTownshipId(e.target.value ? Number(e.target.value) : null)}>
              <option value="">{countyId ? t("wholeCounty") : t("chooseCountyFirst")}</option>
              {townships.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field id="tip-location" label={t("location")} required errors={err("location")}>
          <input id="tip-location" className={inputClass} maxLength={TIP_LIMITS.locationMax} value={location} placeholder={t("locationPlaceholder")} onChange={(e) => {
              setLocation(e.target.value);
              clear("location");
            }} {...describedBy("tip-location", { errors: err("location") })} />
        </Field>
        <Field id="tip-content" label={t("content")} required hint={t("contentHint", { count: content.trim().length, max: TIP_LIMITS.contentMax })} errors={err("content")}>
          <textarea
            id="tip-content"
            rows={6}
            maxLength={TIP_LIMITS.contentMax}
            className={inputClass}
            value={content}
            placeholder={t("contentPlaceholder")}
            onChange={(e) => {
              setContent(e.target.value);
              clear("content");
            }}
            {...describedBy("tip-content", { hint: true, errors: err("content") })}
          />
        </Field>
      </Card>

      <Card className="space-y-3 p-4">
        <div>
          <p className="text-sm font-medium text-slate-700">{t("photos")}</p>
          <p className="mt-0.5 text-xs text-slate-500">{t("photosHint", { maxPhotos: TIP_LIMITS.maxPhotos, maxMb: MAX_MB })}</p>
        </div>
        {photos.length ? (
          <ul className="grid grid-cols-3 gap-2">
            {photos.map((p) => (
              <li key={p.key} className="relative">
                {/* eslint-disable-next-line @next/next/no-img-element -- a local preview of a file not yet sent */}
                <img src={p.preview} alt={p.file.name} className="aspect-square w-full rounded-md border border-slate-200 object-cover" />
                <span className="mt-0.5 block truncate text-[11px] text-slate-500">{formatSize(p.file.size)}</span>
                <button
                  type="button"
                  aria-label={t("removePhoto", { name: p.file.name })}
                  className="absolute top-1 right-1 rounded-full bg-slate-900/70 p-1 text-white"
                  onClick={() => setPhotos((list) => list.filter((x) => x.key !== p.key))}
                >
                  <X className="h-3.5 w-3.5" aria-hidden />
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        {photos.length < TIP_LIMITS.maxPhotos ? (
          <label className={`${buttonClass.secondary} w-full cursor-pointer`}>
            <Camera className="h-4 w-4" aria-hidden />
            {t("addPhotos")}
            <input type="file" accept={TIP_LIMITS.photoTypes.join(",")} multiple className="sr-only" data-testid="tip-photos" onChange={(e) => {
              addPhotos(e.currentTarget.files);
              e.currentTarget.value = "";
            }} />
          </label>
        ) : null}
        {photoError ? <p className="text-sm text-red-600">{photoError}</p> : null}
      </Card>

      <Card className="space-y-3 p-4">
        <Field id="tip-contact" label={t("contact")} hint={t("contactHint")} errors={err("contact")}>
          <input id="tip-contact" className={inputClass} maxLength={TIP_LIMITS.contactMax} value={contact} autoComplete="tel" onChange={(e) => {
              setContact(e.target.value);
              clear("contact");
            }} {...describedBy("tip-contact", { hint: true, errors: err("contact") })} />
        </Field>
        {/* The honeypot: off screen, skipped by keyboard and screen readers, filled only by bots. */}
        <div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
          <label htmlFor="tip-website">Website</label>
          <input id="tip-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
      </Card>

      {formError ? <Alert>{formError}</Alert> : null}
      <button type="submit" className={`${buttonClass.primary} w-full py-3 text-base`} disabled={sending}>
        <Send className="h-4 w-4" aria-hidden />
        {sending ? t("sending") : t("submit")}
      </button>
      <p className="text-center text-xs text-slate-500">{t("privacy")}</p>
      <p className="text-center text-sm">
        <a href="/tip/status" className="text-brand-700 hover:underline">
          {t("checkStatus")}
        </a>
      </p>
    </form>
  );
}
