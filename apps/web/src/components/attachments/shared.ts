/**
 * Upload limits and display helpers shared by the uploader (browser), the file list (server or
 * browser) and the upload route (server). No React, no Node: safe to import anywhere.
 */

/** The largest file accepted, in bytes (20 MB). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** What the file picker offers; the server decides by content anyway. */
export const UPLOAD_ACCEPT = ".jpg,.jpeg,.png,.gif,.webp,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx";

/** "512 B", "3.4 KB", "1.2 MB". */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes || 0))} B`;
  const units = ["KB", "MB", "GB"] as const;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1).replace(/\.0$/, "")} ${units[unit]}`;
}

export type FileKind = "image" | "pdf" | "word" | "sheet" | "slides" | "other";

/** The kind of document a stored type is, for its icon. */
export function fileKind(mimeType: string): FileKind {
  if (mimeType.startsWith("image/")) return "image";
  if (mimeType === "application/pdf") return "pdf";
  if (mimeType === "application/msword" || mimeType.includes("wordprocessingml")) return "word";
  if (mimeType === "application/vnd.ms-excel" || mimeType.includes("spreadsheetml")) return "sheet";
  if (mimeType === "application/vnd.ms-powerpoint" || mimeType.includes("presentationml")) return "slides";
  return "other";
}

/** Where a stored file is downloaded from. */
export function attachmentUrl(id: number): string {
  return `/api/attachments/${id}`;
}
