import { fileTypeFromBuffer } from "file-type/core";

export { MAX_UPLOAD_BYTES } from "@/components/attachments/shared";

/** Types detected from the content, each with the file-name extensions that may go with it. */
const ALLOWED: Record<string, { mime: string; extensions: readonly string[] }> = {
  jpg: { mime: "image/jpeg", extensions: ["jpg", "jpeg"] },
  png: { mime: "image/png", extensions: ["png"] },
  gif: { mime: "image/gif", extensions: ["gif"] },
  webp: { mime: "image/webp", extensions: ["webp"] },
  pdf: { mime: "application/pdf", extensions: ["pdf"] },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extensions: ["docx"] },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"] },
  pptx: { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", extensions: ["pptx"] },
};

/**
 * Legacy Office files are all Compound File Binary containers: the container alone does not say
 * which program wrote it, so the name's extension decides, and the stream that program always
 * writes (a directory entry, UTF-16LE) must be present.
 */
const LEGACY_OFFICE: Record<string, { mime: string; streams: readonly string[] }> = {
  doc: { mime: "application/msword", streams: ["WordDocument"] },
  xls: { mime: "application/vnd.ms-excel", streams: ["Workbook", "Book"] },
  ppt: { mime: "application/vnd.ms-powerpoint", streams: ["PowerPoint Document"] },
};

export type UploadCheck =
  | { ok: true; mimeType: string }
  /** empty: no bytes; type: content of a kind we do not take; extension: the name says another kind. */
  | { ok: false; reason: "empty" | "type" | "extension" };

/** Decides from the bytes (never the browser's claim) whether an upload is a kind we keep. */
export async function checkUpload({ bytes, fileName }: { bytes: Uint8Array; fileName: string }): Promise<UploadCheck> {
  if (bytes.byteLength === 0) return { ok: false, reason: "empty" };
  const extension = extensionOf(fileName);
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected) return { ok: false, reason: "type" };
  if (detected.ext === "cfb") {
    const legacy = extension ? LEGACY_OFFICE[extension] : undefined;
    if (!legacy) return { ok: false, reason: "type" };
    if (!legacy.streams.some((name) => containsUtf16le(bytes, name))) return { ok: false, reason: "type" };
    return { ok: true, mimeType: legacy.mime };
  }
  const allowed = ALLOWED[detected.ext];
  if (!allowed) return { ok: false, reason: "type" };
  if (!extension || !allowed.extensions.includes(extension)) return { ok: false, reason: "extension" };
  return { ok: true, mimeType: allowed.mime };
}

/** The lower-case extension of a file name ("" for none; a leading dot alone is not one). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : "";
}

const MAX_NAME_LENGTH = 200;

/**
 * A file name safe to keep and to show: no folders, no control or invisible formatting
 * characters (a right-to-left override could disguise the extension), spaces collapsed,
 * at most 200 characters keeping the extension. "" when nothing is left.
 */
export function sanitizeFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? "";
  let name = base
    .normalize("NFC")
    .replace(/[\t\n\v\f\r]/g, " ")
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "")
    .replace(/\s+/gu, " ")
    .replace(/^[\s.]+|[\s.]+$/gu, "");
  const chars = [...name];
  if (chars.length > MAX_NAME_LENGTH) {
    const extension = extensionOf(name);
    const suffix = extension && extension.length <= 10 ? `.${extension}` : "";
    name = chars.slice(0, MAX_NAME_LENGTH - suffix.length).join("").trimEnd() + suffix;
  }
  return name;
}

function containsUtf16le(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(text, "utf16le"));
}
