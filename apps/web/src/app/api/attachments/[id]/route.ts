import { readableAttachment } from "@dm/api";
import { contentDisposition } from "../_disposition";
import { attachmentStore, errorResponse, failureResponse, requestContext, requestLocale } from "../_shared";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Types a browser may show in the page (`?inline=1`); everything else is only downloaded. */
const INLINE_TYPES = new Set(["image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf"]);

/**
 * Streams one attachment to a caller allowed to see what it belongs to (readableAttachment).
 * Whether it does not exist or is not theirs, the answer is the same 404.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const locale = requestLocale(request);
  try {
    const { viewer, db } = await requestContext(request);
    if (!viewer) return errorResponse(locale, 401, "UNAUTHORIZED", "unauthorized");
    const { id } = await params;
    const notFound = () => errorResponse(locale, 404, "NOT_FOUND", "notFound");
    if (!/^[1-9]\d{0,9}$/.test(id)) return notFound();
    const row = await readableAttachment(db, viewer, Number(id));
    if (!row) return notFound();

    const file = await attachmentStore().open(row.storageKey);
    if (!file) {
      console.error(`[attachments] file missing for attachment ${row.id} (key ${row.storageKey})`);
      return notFound();
    }
    const inline = new URL(request.url).searchParams.get("inline") === "1" && INLINE_TYPES.has(row.mimeType);
    return new Response(file.stream, {
      status: 200,
      headers: {
        "Content-Type": row.mimeType,
        "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", row.fileName),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
        // Nothing in a file may run as this site, even if a browser were tricked into rendering it.
        // (A PDF shown inline is left to the browser's own viewer, which a sandbox would block.)
        ...(row.mimeType === "application/pdf" && inline ? {} : { "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox" }),
      },
    });
  } catch (error) {
    return failureResponse(error, locale, "download");
  }
}
