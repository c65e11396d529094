"use client";

import { clsx } from "clsx";
import { CircleAlert, LoaderCircle, Paperclip, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { AttachmentIcon } from "./attachment-list";
import { attachmentUrl, formatSize, MAX_UPLOAD_BYTES, UPLOAD_ACCEPT } from "./shared";

/** A file stored by POST /api/attachments; its id goes into a form's `attachmentIds`. */
export interface UploadedFile {
  id: number;
  fileName: string;
  mimeType: string;
  size: number;
}

/** A file being sent, waiting its turn, or refused (with the reason shown until dismissed). */
interface Pending {
  key: string;
  name: string;
  size: number;
  /** null: waiting; 0–100 while sending. */
  progress: number | null;
  error: string | null;
}

type UploadResult = { ok: true; file: UploadedFile } | { ok: false; message: string | null };

const MAX_MB = MAX_UPLOAD_BYTES / 1024 / 1024;

/**
 * Picks files and uploads each at once (one after another, with its progress); the parent holds
 * the uploaded ones in `value` and sends their ids with its form. Removing a file only drops it
 * from `value`: an upload nothing binds stays private to its uploader.
 */
export function AttachmentUploader({ value, onChange, max = 10 }: { value: UploadedFile[]; onChange: (files: UploadedFile[]) => void; max?: number }) {
  const t = useTranslations("attachments");
  const inputId = useId();
  const hintId = useId();
  const [pending, setPending] = useState<Pending[]>([]);
  // The latest list, for uploads that finish after the parent has re-rendered.
  const valueRef = useRef(value);
  useEffect(() => {
    valueRef.current = value;
  }, [value]);
  const requests = useRef(new Set<XMLHttpRequest>());
  useEffect(() => {
    const open = requests.current;
    return () => {
      for (const xhr of open) xhr.abort();
    };
  }, []);

  const active = pending.filter((p) => p.error === null).length;
  const full = value.length + active >= max;

  const update = (key: string, patch: Partial<Pending>) => setPending((list) => list.map((p) => (p.key === key ? { ...p, ...patch } : p)));

  async function onSelect(event: React.ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const chosen = Array.from(input.files ?? []);
    // Cleared so that choosing the same file again (after a failure) fires a change.
    input.value = "";
    if (chosen.length === 0) return;

    let room = max - valueRef.current.length - active;
    const queued: { item: Pending; file: File }[] = [];
    const added: Pending[] = [];
    for (const file of chosen) {
      const item: Pending = { key: `${Date.now()}-${Math.random()}`, name: file.name, size: file.size, progress: null, error: null };
      if (room <= 0) item.error = t("errors.tooMany", { max });
      else if (file.size > MAX_UPLOAD_BYTES) item.error = t("errors.tooLarge", { maxMb: MAX_MB });
      else if (file.size === 0) item.error = t("errors.empty");
      else {
        room -= 1;
        queued.push({ item, file });
      }
      added.push(item);
    }
    setPending((list) => [...list, ...added]);

    for (const { item, file } of queued) {
      update(item.key, { progress: 0 });
      const result = await send(file, (progress) => update(item.key, { progress }));
      if (result.ok) {
        valueRef.current = [...valueRef.current, result.file];
        onChange(valueRef.current);
        setPending((list) => list.filter((p) => p.key !== item.key));
      } else {
        update(item.key, { progress: null, error: result.message ?? t("errors.network") });
      }
    }
  }

  /** POSTs one file; XMLHttpRequest rather than fetch, for upload progress on slow phone networks. */
  function send(file: File, onProgress: (percent: number) => void): Promise<UploadResult> {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      requests.current.add(xhr);
      const done = (result: UploadResult) => {
        requests.current.delete(xhr);
        resolve(result);
      };
      xhr.open("POST", "/api/attachments");
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(Math.min(99, Math.round((e.loaded / e.total) * 100)));
      };
      xhr.onload = () => {
        let body: unknown = null;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          // Not JSON (a proxy's error page): fall through to a generic message.
        }
        if (xhr.status === 201 && isUploaded(body)) return done({ ok: true, file: body });
        const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
        done({ ok: false, message: typeof message === "string" ? message : xhr.status === 413 ? t("errors.tooLarge", { maxMb: MAX_MB }) : t("errors.server") });
      };
      xhr.onerror = () => done({ ok: false, message: null });
      xhr.onabort = () => done({ ok: false, message: null });
      const form = new FormData();
      form.append("file", file, file.name);
      xhr.send(form);
    });
  }

  return (
    <div className="space-y-3">
      <div>
        <input
          id={inputId}
          type="file"
          multiple
          accept={UPLOAD_ACCEPT}
          disabled={full}
          aria-describedby={hintId}
          onChange={(e) => void onSelect(e)}
          className="peer sr-only"
        />
        <label
          htmlFor={inputId}
          className={clsx(
            "inline-flex min-h-11 cursor-pointer items-center justify-center gap-2 rounded-md border border-dashed border-slate-400 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:border-brand-600 hover:text-brand-700",
            "peer-focus-visible:ring-2 peer-focus-visible:ring-brand-600/40 peer-disabled:cursor-not-allowed peer-disabled:opacity-50",
          )}
        >
          <Paperclip className="h-4 w-4" aria-hidden />
          {t("choose")}
        </label>
        <p id={hintId} className="mt-1.5 text-xs text-slate-500">
          {full && value.length >= max ? t("limitReached", { max }) : t("hint", { maxMb: MAX_MB, max })}
        </p>
      </div>

      {pending.length ? (
        <ul className="space-y-2" aria-live="polite">
          {pending.map((p) => (
            <li key={p.key} className={clsx("rounded-md border px-3 py-2 text-sm", p.error ? "border-red-200 bg-red-50" : "border-slate-200 bg-slate-50")}>
              <div className="flex items-center gap-2">
                {p.error ? <CircleAlert className="h-4 w-4 shrink-0 text-red-600" aria-hidden /> : <LoaderCircle className="h-4 w-4 shrink-0 animate-spin text-slate-500" aria-hidden />}
                <span className="min-w-0 flex-1 truncate" title={p.name}>
                  {p.name}
                </span>
                <span className="shrink-0 text-xs tabular-nums text-slate-500">{formatSize(p.size)}</span>
                {p.error ? (
                  <button
                    type="button"
                    onClick={() => setPending((list) => list.filter((x) => x.key !== p.key))}
                    aria-label={t("dismiss", { name: p.name })}
                    className="-m-1 inline-flex h-9 w-9 shrink-0 items-center justify-center rounded text-slate-500 hover:bg-red-100 hover:text-slate-700"
                  >
                    <X className="h-4 w-4" aria-hidden />
                  </button>
                ) : null}
              </div>
              {p.error ? (
                <p role="alert" className="mt-1 text-red-700">
                  {t("failed", { name: p.name, message: p.error })}
                </p>
              ) : (
                <div className="mt-2">
                  <progress
                    className="h-1.5 w-full overflow-hidden rounded [&::-moz-progress-bar]:bg-brand-600 [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-brand-600"
                    max={100}
                    value={p.progress ?? undefined}
                    aria-label={t("uploading", { name: p.name })}
                  />
                  <p className="mt-0.5 text-xs text-slate-500">{p.progress === null ? t("waiting") : t("progress", { percent: p.progress })}</p>
                </div>
              )}
            </li>
          ))}
        </ul>
      ) : null}

      {value.length ? (
        <ul aria-label={t("uploaded")} className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
          {value.map((file) => (
            <li key={file.id} className="flex min-h-11 items-center gap-3 px-3 py-1.5 text-sm">
              <AttachmentIcon mimeType={file.mimeType} />
              <a href={attachmentUrl(file.id)} download={file.fileName} className="min-w-0 flex-1 truncate text-brand-700 underline-offset-2 hover:underline" title={file.fileName}>
                {file.fileName}
              </a>
              <span className="shrink-0 text-xs tabular-nums text-slate-500">{formatSize(file.size)}</span>
              <button
                type="button"
                onClick={() => {
                  valueRef.current = valueRef.current.filter((f) => f.id !== file.id);
                  onChange(valueRef.current);
                }}
                aria-label={t("remove", { name: file.fileName })}
                className="-mr-1 inline-flex h-10 w-10 shrink-0 items-center justify-center rounded text-slate-500 hover:bg-slate-100 hover:text-red-700"
              >
                <X className="h-4 w-4" aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function isUploaded(body: unknown): body is UploadedFile {
  const b = body as Partial<UploadedFile> | null;
  return typeof b?.id === "number" && typeof b.fileName === "string" && typeof b.mimeType === "string" && typeof b.size === "number";
}
