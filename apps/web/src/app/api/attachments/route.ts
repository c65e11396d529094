import { attachments } from "@dm/db/schema";
import { checkUpload, MAX_UPLOAD_BYTES, sanitizeFileName } from "@/server/file-check";
import { readAtMost } from "@/server/read-body";
import { attachmentStore, errorResponse, failureResponse, requestContext, requestLocale } from "./_shared";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Room for the multipart envelope (boundaries, headers) around one file of the largest size. */
const MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

/**
 * Uploads one file (multipart field `file`) for the signed-in caller. The type is decided by the
 * content and must agree with the name's extension; the file is stored, then recorded with no
 * owner: only its uploader may read it until a record they write binds it (bindAttachments).
 * 201 {id, fileName, mimeType, size}; otherwise {error: {code, message}} and nothing is kept.
 */
export async function POST(request: Request): Promise<Response> {
  const locale = requestLocale(request);
  let ctx: Awaited<ReturnType<typeof requestContext>>;
  try {
    ctx = await requestContext(request);
  } catch (error) {
    return failureResponse(error, locale, "upload: session");
  }
  const { viewer, db, requestId } = ctx;
  if (!viewer) return errorResponse(locale, 401, "UNAUTHORIZED", "unauthorized");

  const tooLarge = () => errorResponse(locale, 413, "PAYLOAD_TOO_LARGE", "tooLarge");
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) return tooLarge();
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) return errorResponse(locale, 400, "NO_FILE", "noFile");

  // Counted as it arrives: a body without (or with a false) Content-Length stops at the limit.
  const body = await readAtMost(request.body, MAX_BODY_BYTES);
  if (body === "tooLarge") return tooLarge();
  if (body === "aborted") return errorResponse(locale, 400, "BAD_REQUEST", "badRequest");

  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    return errorResponse(locale, 400, "BAD_REQUEST", "badRequest");
  }
  const entries = form.getAll("file");
  const file = entries[0];
  if (entries.length !== 1 || file === undefined || typeof file === "string") return errorResponse(locale, 400, "NO_FILE", "noFile");
  if (file.size > MAX_UPLOAD_BYTES) return tooLarge();

  const fileName = sanitizeFileName(file.name);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const check = await checkUpload({ bytes, fileName });
  if (!check.ok) {
    if (check.reason === "empty") return errorResponse(locale, 400, "EMPTY_FILE", "empty");
    if (check.reason === "extension") return errorResponse(locale, 415, "TYPE_MISMATCH", "extensionMismatch");
    return errorResponse(locale, 415, "UNSUPPORTED_TYPE", "unsupportedType");
  }

  const store = attachmentStore();
  let saved: Awaited<ReturnType<typeof store.save>>;
  try {
    saved = await store.save(bytes);
  } catch (error) {
    return failureResponse(error, locale, "upload: store", requestId);
  }
  try {
    const [row] = await db
      .insert(attachments)
      .values({ storageKey: saved.key, fileName, mimeType: check.mimeType, size: saved.size, sha256: saved.sha256, uploadedBy: viewer.userId })
      .returning({ id: attachments.id, fileName: attachments.fileName, mimeType: attachments.mimeType, size: attachments.size });
    return Response.json(row, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    // No row, no file.
    await store.remove(saved.key).catch(() => undefined);
    return failureResponse(error, locale, "upload: record", requestId);
  }
}
