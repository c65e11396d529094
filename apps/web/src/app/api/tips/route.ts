import { randomBytes } from "node:crypto";
import { createTranslator } from "next-intl";
import { type Locale, submitTip, type TipPhoto, type TipRefusal } from "@dm/api";
import { formatTipCode, hashTipIp, TIP_LIMITS, TIP_MAX_BODY_BYTES } from "@dm/api/domain/tip";
import { clientIp } from "@dm/auth/client-ip";
import { getDb } from "@dm/db";
import { env } from "@/env";
import { checkUpload, sanitizeFileName } from "@/server/file-check";
import { readAtMost } from "@/server/read-body";
import { MESSAGES } from "../../../../messages";
import { attachmentStore, failureResponse, requestLocale } from "../attachments/_shared";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Without AUTH_SECRET (a bare `next dev`), a key of this process: the limit then holds until a restart. */
const ipKey = `tips:${env.AUTH_SECRET ?? randomBytes(32).toString("hex")}`;

type ErrorKey = TipRefusal | "tooLarge" | "badRequest";

const STATUS: Record<ErrorKey, number> = {
  invalid: 400,
  honeypot: 400,
  tooManyPhotos: 400,
  photoTooLarge: 413,
  photoType: 415,
  rateLimited: 429,
  area: 400,
  tooLarge: 413,
  badRequest: 400,
};

function refuse(locale: Locale, key: ErrorKey, fieldErrors?: Record<string, string[]>): Response {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "tipForm.errors" });
  const message = t(key, { maxPhotos: TIP_LIMITS.maxPhotos, maxMb: TIP_LIMITS.maxPhotoBytes / 1024 / 1024 });
  // The area is a field of its own: say so beside it too.
  const fields = key === "area" ? { committeeId: [message] } : fieldErrors;
  return Response.json({ error: { code: key, message, fieldErrors: fields } }, { status: STATUS[key], headers: { "Cache-Control": "no-store" } });
}

/**
 * 提交举报线索, without signing in: the text fields and up to five photos in one multipart
 * request, so that a refusal (too large, wrong type, honeypot, rate limit, bad fields) keeps
 * nothing at all. Photos are checked by their content, like every upload. 201 {code}.
 */
export async function POST(request: Request): Promise<Response> {
  const locale = requestLocale(request);
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > TIP_MAX_BODY_BYTES) return refuse(locale, "tooLarge");
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) return refuse(locale, "badRequest");
  const body = await readAtMost(request.body, TIP_MAX_BODY_BYTES);
  if (body === "tooLarge") return refuse(locale, "tooLarge");
  if (body === "aborted") return refuse(locale, "badRequest");

  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    return refuse(locale, "badRequest");
  }
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const committee = text("committeeId");
  const fields = {
    content: text("content") ?? "",
    location: text("location") ?? "",
    committeeId: committee && /^\d{1,9}$/.test(committee) ? Number(committee) : undefined,
    contact: text("contact") ?? "",
    website: text("website") ?? "",
  };

  const files = form.getAll("photo").filter((f): f is File => typeof f !== "string" && f.size > 0);
  if (files.length > TIP_LIMITS.maxPhotos) return refuse(locale, "tooManyPhotos");
  const photos: TipPhoto[] = [];
  for (const file of files) {
    if (file.size > TIP_LIMITS.maxPhotoBytes) return refuse(locale, "photoTooLarge");
    const bytes = new Uint8Array(await file.arrayBuffer());
    const fileName = sanitizeFileName(file.name) || "photo";
    const check = await checkUpload({ bytes, fileName });
    if (!check.ok || !TIP_LIMITS.photoTypes.includes(check.mimeType)) return refuse(locale, "photoType");
    photos.push({ bytes, fileName, mimeType: check.mimeType });
  }

  try {
    const ipHash = hashTipIp(ipKey, clientIp(request.headers.get("x-forwarded-for")));
    const result = await submitTip(getDb(), { fields, photos, ipHash, locale }, attachmentStore());
    if (!result.ok) return refuse(locale, result.reason, result.fieldErrors);
    return Response.json({ code: formatTipCode(result.code) }, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return failureResponse(error, locale, "tip");
  }
}
